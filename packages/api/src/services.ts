import { Throttle } from "@ef/auth";
import type { TServices } from "./context";
import type { TPayfipService } from "./payment/service";

const FIFTEEN_MINUTES = 15 * 60_000;

/** The per-process helpers: login and reset throttles, PayFiP. */
export function createServices(opts: { payfip?: TPayfipService | null } = {}): TServices {
  return {
    payfip: opts.payfip ?? null,
    // 5 wrong passwords per account, 30 per address, in 15 minutes.
    loginThrottle: {
      account: new Throttle(5, FIFTEEN_MINUTES),
      address: new Throttle(30, FIFTEEN_MINUTES),
    },
    // 3 reset mails per account, 10 per address, in 15 minutes.
    resetThrottle: {
      account: new Throttle(3, FIFTEEN_MINUTES),
      address: new Throttle(10, FIFTEEN_MINUTES),
    },
  };
}
