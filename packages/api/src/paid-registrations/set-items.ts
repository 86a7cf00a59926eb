import { baskets, type TDb } from "@ef/db";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import { ensureOpenBasket, PAYING, pendingPaymentOf } from "../booking/basket-service";
import { describeItem, setRegistrationItem } from "../booking/registration-lines";
import { appError } from "../errors";
import { childOf } from "../registrations/service";
import type { ZSetPaidItemsSchema } from "../schemas";

type TSetPaidItemsInput = z.infer<typeof ZSetPaidItemsSchema>;

const STALE =
  "Votre panier a été modifié depuis un autre écran ou un autre appareil. La page est à jour : vérifiez vos choix puis validez à nouveau.";

/**
 * "Valider" of "Inscriptions en paiement", for the family or for the agent at the desk: ticks and
 * unticks EMS groups and Territoire Jeune sessions in the family's own panier. With `override`
 * (the desk, with a reason) a full group or session is put in all the same; those are listed.
 */
export function setPaidItemsIn(
  tx: TDb,
  args: {
    household: { id: number; qf: number | null; resident: boolean };
    input: TSetPaidItemsInput;
    now: Date;
    override?: boolean;
  },
): { basketId: number; version: number; overridden: string[] } {
  const { household, input, now } = args;
  const nowIso = now.toISOString();
  const basket = ensureOpenBasket(tx, household.id, now);
  if (pendingPaymentOf(tx, basket.id)) throw appError("CONFLICT", PAYING);
  if (basket.version !== input.version) throw appError("CONFLICT", STALE);
  let changed = false;
  const overridden: string[] = [];
  for (const item of input.items) {
    const child = childOf(tx, household.id, item.childId);
    if (!child) throw appError("NOT_FOUND", "Cet enfant est introuvable.");
    // Judged before the line exists: was the group or session already full?
    const full =
      args.override && item.want ? describeItem(tx, household, child, item, now, basket.id) : null;
    const did = setRegistrationItem(tx, {
      household,
      basketId: basket.id,
      child,
      item,
      now,
      override: args.override,
    });
    if (did && full && full.placesLeft < 1) overridden.push(`${child.firstName} — ${full.label}`);
    changed = did || changed;
  }
  const version = changed ? basket.version + 1 : basket.version;
  if (changed)
    tx.update(baskets).set({ version, updatedAt: nowIso }).where(eq(baskets.id, basket.id)).run();
  return { basketId: basket.id, version, overridden };
}
