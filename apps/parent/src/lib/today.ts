/**
 * "Today" as the server counts it. Deadlines, the current month and the semaine type start follow
 * the server's clock (which a demo may set to another date), not the phone's, which may be wrong.
 */
import { queryOptions } from "@tanstack/react-query";
import { queryClient } from "../trpc";
import { parisDay } from "./dates";

/** Milliseconds to add to this device's clock to read the server's; 0 when it cannot be asked. */
export const clockOffset = queryOptions({
  queryKey: ["server-clock"],
  queryFn: async (): Promise<number> => {
    try {
      const response = await fetch("/healthz", { headers: { accept: "application/json" } });
      const body: unknown = await response.json();
      const time =
        body && typeof body === "object" && "time" in body && typeof body.time === "string"
          ? Date.parse(body.time)
          : Number.NaN;
      return Number.isNaN(time) ? 0 : time - Date.now();
    } catch {
      return 0;
    }
  },
  staleTime: Number.POSITIVE_INFINITY,
  retry: false,
});

export function dayWith(offset: number): string {
  return parisDay(new Date(Date.now() + offset));
}

/** Today in Albertville, "YYYY-MM-DD", once the server's clock is known. */
export async function loadToday(): Promise<string> {
  return dayWith(await queryClient.ensureQueryData(clockOffset));
}
