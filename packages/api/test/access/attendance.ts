import type { TAccessCase, TAccessFixtures } from "./case";

/** Access cases of this console domain's procedures (audience and one valid call each). */
export default function cases(fx: TAccessFixtures): Record<string, TAccessCase> {
  const day = { activityId: fx.resto, date: "2026-12-03" };
  return {
    "staff.attendance.activities": {
      audience: "agent",
      call: (c) => c.staff.attendance.activities(),
    },
    "staff.attendance.list": { audience: "agent", call: (c) => c.staff.attendance.list(day) },
    "staff.attendance.mark": {
      audience: "agent",
      call: (c) => c.staff.attendance.mark({ ...day, childId: fx.lea, status: "present" }),
    },
    "staff.attendance.exportCsv": {
      audience: "agent",
      call: (c) => c.staff.attendance.exportCsv(day),
    },
  };
}
