import { describe, expect, it } from "vitest";
import {
  checkSession,
  generateTemporaryPassword,
  generateToken,
  hashPassword,
  hashToken,
  newSessionTimes,
  PARENT_SESSION_MS,
  STAFF_IDLE_MS,
  STAFF_MAX_MS,
  Throttle,
  verifyPassword,
} from "./index";

const T0 = new Date("2026-12-01T07:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

describe("sessions", () => {
  it("a parent's session lasts 30 days and slides when half used", () => {
    const s = newSessionTimes("parent", T0);
    expect(s.expiresAt.getTime() - T0.getTime()).toBe(PARENT_SESSION_MS);
    const early = checkSession("parent", s, at(10 * DAY));
    expect(early).toMatchObject({ valid: true, renewed: null });
    const late = checkSession("parent", s, at(16 * DAY));
    expect(late.valid && late.renewed?.expiresAt.getTime()).toBe(at(46 * DAY).getTime());
    expect(checkSession("parent", s, at(30 * DAY)).valid).toBe(false);
  });

  it("a staff session expires after 30 idle minutes and never lasts more than 12 hours", () => {
    let s = newSessionTimes("staff", T0);
    expect(s.expiresAt.getTime() - T0.getTime()).toBe(STAFF_IDLE_MS);
    expect(checkSession("staff", s, at(STAFF_IDLE_MS)).valid).toBe(false);
    // Active every 20 minutes: goes on, until the 12-hour cap.
    let t = 0;
    for (;;) {
      t += 20 * MINUTE;
      const d = checkSession("staff", s, at(t));
      if (!d.valid) break;
      if (d.renewed) s = d.renewed;
    }
    expect(t).toBeLessThanOrEqual(STAFF_MAX_MS + 20 * MINUTE);
    expect(t).toBeGreaterThan(STAFF_MAX_MS - 20 * MINUTE);
  });

  it("a passive check does not extend a staff session", () => {
    const s = newSessionTimes("staff", T0);
    const d = checkSession("staff", s, at(10 * MINUTE), false);
    expect(d).toMatchObject({ valid: true, renewed: null });
  });
});

describe("tokens", () => {
  it("are random, 32 base32 characters, and stored as a SHA-256", () => {
    const a = generateToken();
    const b = generateToken();
    expect(a).toMatch(/^[a-z2-7]{32}$/);
    expect(a).not.toBe(b);
    expect(hashToken(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(a)).toBe(hashToken(a));
    expect(hashToken(a)).not.toContain(a);
  });

  it("temporary passwords are readable groups without look-alike characters", () => {
    for (let i = 0; i < 50; i++) {
      expect(generateTemporaryPassword()).toMatch(
        /^[a-km-zA-HJ-NP-Z2-9]{4}-[a-km-zA-HJ-NP-Z2-9]{4}-[a-km-zA-HJ-NP-Z2-9]{4}$/,
      );
    }
  });
});

describe("passwords", () => {
  it("hash with argon2id at m=19456 KiB, t=2, and verify", async () => {
    const h = await hashPassword("Martin-Albertville-2026");
    expect(h).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(h, "Martin-Albertville-2026")).toBe(true);
    expect(await verifyPassword(h, "martin-albertville-2026")).toBe(false);
    expect(await verifyPassword("pas un hash", "x")).toBe(false);
  });
});

describe("Throttle", () => {
  it("allows max failures in the window, then says when to retry", () => {
    const t = new Throttle(3, 15 * MINUTE);
    for (let i = 0; i < 3; i++) {
      expect(t.retryAt("k", at(i * MINUTE))).toBeNull();
      t.fail("k", at(i * MINUTE));
    }
    expect(t.retryAt("k", at(3 * MINUTE))?.getTime()).toBe(at(15 * MINUTE).getTime());
    expect(t.retryAt("other", at(3 * MINUTE))).toBeNull();
    expect(t.retryAt("k", at(15 * MINUTE))).toBeNull();
    t.fail("k", at(16 * MINUTE));
    t.reset("k");
    expect(t.retryAt("k", at(16 * MINUTE))).toBeNull();
  });
});
