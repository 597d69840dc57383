import type { z } from 'zod';
import type { conversionPreviewOut } from '../../../contracts/time-capture';
import type { Deps } from '../../deps';
import type { StaffActor } from '../../platform/http/actor';
import { loadSettings } from '../settings/load-settings';
import { loadConvertibleEvents } from './convertible-events';
import { hoursOf } from './model';
import { price } from './pricing';
import { loadNames } from './queries';
import { loadRates } from './rates';

/**
 * What converting these events would bill, without converting them: each open event's duration rounded
 * up to the firm's billing increment, at its timekeeper's current rate, and the totals. Checked and
 * priced exactly as the conversion does (same loader, same price rule), so converting right after
 * produces these numbers. Events already converted are listed apart: converting them changes nothing.
 */
export async function previewConversion(
  deps: Pick<Deps, 'db'>,
  input: { actor: StaffActor; ids: readonly string[] },
): Promise<z.input<typeof conversionPreviewOut>> {
  const { actor } = input;
  const firmId = actor.firmId;
  return deps.db.transaction(async (tx) => {
    const rows = await loadConvertibleEvents(tx, actor, input.ids, false);
    const open = rows.filter((r) => r.status === 'open');
    const { incrementMinutes, defaultRateCents } = (await loadSettings(tx, firmId)).timeCapture;
    const rateOf = await loadRates(
      tx,
      firmId,
      open.map((r) => r.userId),
      defaultRateCents,
    );
    const names = await loadNames(tx, firmId, open);
    const byId = new Map(open.map((r) => [r.id, r]));
    const items = input.ids.flatMap((id) => {
      const event = byId.get(id);
      if (!event) return [];
      const priced = price(event.durationSeconds, incrementMinutes, rateOf(event.userId));
      return [
        {
          billableEventId: event.id,
          durationSeconds: event.durationSeconds,
          ...priced,
          rate: priced.rateCents / 100,
          amount: priced.amountCents / 100,
          narrative: event.description,
          matter: names.matters.get(event.matterId) ?? null,
          timekeeper: names.users.get(event.userId) ?? null,
        },
      ];
    });
    const billedMinutes = items.reduce((sum, i) => sum + i.billedMinutes, 0);
    const amountCents = items.reduce((sum, i) => sum + i.amountCents, 0);
    return {
      incrementMinutes,
      items,
      alreadyConverted: rows.filter((r) => r.status === 'converted').map((r) => r.id),
      total: { billedMinutes, hours: hoursOf(billedMinutes), amountCents, amount: amountCents / 100 },
    };
  });
}
