import type { TAccessCase, TAccessFixtures } from "./case";

/** Access cases of this console domain's procedures (audience and one valid call each). */
export default function cases(_fx: TAccessFixtures): Record<string, TAccessCase> {
  return {};
}
