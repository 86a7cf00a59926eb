import { describe, expect, it } from "vitest";
import { paidItemKey, tickPaidItem } from "./paid-ticks";

const groupA = { groupId: 1, sessionId: null };
const groupB = { groupId: 2, sessionId: null };
const ems = { activityId: 7, items: [groupA, groupB] };

describe("tickPaidItem", () => {
  it("ticking an EMS group unticks the child's other group of that activity", () => {
    const inPanier = new Set([paidItemKey(5, 7, groupA)]);
    const next = tickPaidItem(new Map(), inPanier, 5, ems, groupB, true);
    expect(Object.fromEntries(next)).toEqual({ "5:7:2:0": true, "5:7:1:0": false });
  });

  it("a tick that matches the panier again is no change", () => {
    const inPanier = new Set([paidItemKey(5, 7, groupA)]);
    const moved = tickPaidItem(new Map(), inPanier, 5, ems, groupB, true);
    const back = tickPaidItem(moved, inPanier, 5, ems, groupA, true);
    // Group A again: exactly the panier, nothing left to send.
    expect(back.size).toBe(0);
    expect(tickPaidItem(back, inPanier, 5, ems, groupA, false)).toEqual(
      new Map([["5:7:1:0", false]]),
    );
  });
});
