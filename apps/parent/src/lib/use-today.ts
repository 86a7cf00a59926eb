import { useQuery } from "@tanstack/react-query";
import { clockOffset, dayWith } from "./today";

/** Today in Albertville ("YYYY-MM-DD"), or undefined while the server's clock is being asked. */
export function useToday(): string | undefined {
  const offset = useQuery(clockOffset);
  return offset.data === undefined ? undefined : dayWith(offset.data);
}
