import type { TDb } from "@ef/db";
import type { makeCaller } from "../helpers";

export type TAccessCaller = ReturnType<typeof makeCaller>["caller"];

/** One procedure's access test: a valid call, and who may make it. */
export type TAccessCase = {
  /** Calls the procedure with valid input. */
  call: (c: TAccessCaller) => Promise<unknown>;
  /** Who may call it: everyone, anyone logged in, the family or staff, staff, admins. */
  audience: "public" | "authed" | "household" | "agent" | "admin";
};

/** What the access test sets up: the demo database and a few ids. */
export type TAccessFixtures = {
  db: TDb;
  martin: number;
  lea: number;
  jade: number;
  resto: number;
  soir: number;
};
