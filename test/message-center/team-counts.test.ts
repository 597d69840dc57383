import fc from 'fast-check';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/platform/db/client';
import { cloneDatabase } from '../support/app';

// The dashboard's counts read mc_team_counts, which triggers on conversations keep (migration 0019).
// Here random changes, one row or many at a time, meet a real database, and after each sequence the
// kept counts must equal the counts of the conversations themselves, team by team.

const teams = ['a', 'b', 'none'] as const;
type Team = (typeof teams)[number];

const change = fc.oneof(
  fc.record({
    op: fc.constant('add' as const),
    kind: fc.constantFrom('sms', 'sms', 'sms', 'internal'),
    status: fc.constantFrom('open', 'open', 'closed'),
    waiting: fc.boolean(),
    claimed: fc.boolean(),
    team: fc.constantFrom(...teams),
  }),
  fc.record({ op: fc.constant('close' as const), which: fc.nat() }),
  fc.record({ op: fc.constant('reopen' as const), which: fc.nat() }),
  fc.record({ op: fc.constant('wait' as const), which: fc.nat(), waiting: fc.boolean() }),
  fc.record({ op: fc.constant('claim' as const), which: fc.nat(), claimed: fc.boolean() }),
  fc.record({ op: fc.constant('move' as const), which: fc.nat(), team: fc.constantFrom(...teams) }),
  fc.record({ op: fc.constant('kind' as const), which: fc.nat(), kind: fc.constantFrom('sms', 'internal') }),
  fc.record({ op: fc.constant('remove' as const), which: fc.nat() }),
  // Many rows in one statement: every open conversation of a team closed at once.
  fc.record({ op: fc.constant('close team' as const), team: fc.constantFrom(...teams) }),
  // And one statement that changes nothing the counts hold.
  fc.record({ op: fc.constant('touch' as const), which: fc.nat() }),
);

describe('Message Center team counts follow the conversations', () => {
  let database: Database;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    ({ database, drop } = await cloneDatabase());
  });
  afterAll(async () => {
    await database.close();
    await drop();
  });

  it('after random adds, closes, claims, waits, moves and removals', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(change, { minLength: 1, maxLength: 25 }), async (changes) => {
        const firmId = uuidv7();
        const teamIds: Record<Team, string | null> = { a: uuidv7(), b: uuidv7(), none: null };
        const agentId = uuidv7();
        const ids: string[] = [];
        // Numbers never repeat, removals or not: one open pair per number is a constraint.
        let added = 0;
        const pick = (n: number) => ids[n % ids.length] as string;
        const q = (text: string, params: unknown[]) => database.query(text, params);
        for (const c of changes) {
          if (c.op === 'add') {
            const id = uuidv7();
            ids.push(id);
            added++;
            await q(
              `insert into conversations (firm_id, id, kind, status, contact_phone, firm_phone, team_id,
                 assignee_id, waiting_since)
               values ($1, $2, $3, $4, $5, '+12025550100', $6, $7, $8)`,
              [
                firmId,
                id,
                c.kind,
                c.status,
                `+1312555${String(added).padStart(4, '0')}`,
                teamIds[c.team],
                c.claimed ? agentId : null,
                c.waiting ? new Date() : null,
              ],
            );
            continue;
          }
          if (c.op === 'close team') {
            await q(
              `update conversations set status = 'closed'
               where firm_id = $1 and team_id is not distinct from $2::uuid and status = 'open'`,
              [firmId, teamIds[c.team]],
            );
            continue;
          }
          if (ids.length === 0) continue;
          const id = pick(c.which);
          const one = (set: string, value: unknown) =>
            q(`update conversations set ${set} where firm_id = $1 and id = $2`, [firmId, id, value]);
          if (c.op === 'close') await one(`status = 'closed', waiting_since = $3::timestamptz`, null);
          if (c.op === 'reopen') await one(`status = $3`, 'open');
          if (c.op === 'wait') await one('waiting_since = $3::timestamptz', c.waiting ? new Date() : null);
          if (c.op === 'claim') await one('assignee_id = $3::uuid', c.claimed ? agentId : null);
          if (c.op === 'move') await one('team_id = $3::uuid', teamIds[c.team]);
          if (c.op === 'kind') await one('kind = $3', c.kind);
          if (c.op === 'touch') await one('status = status, updated_at = $3::timestamptz', new Date());
          if (c.op === 'remove') {
            await q('delete from conversations where firm_id = $1 and id = $2', [firmId, id]);
            ids.splice(ids.indexOf(id), 1);
          }
        }
        const nonZero = (rows: Record<string, unknown>[]) =>
          rows
            .map((r) => ({
              team: (r.team_id as string | null) ?? 'none',
              counts: [r.open, r.waiting, r.unassigned, r.closed].map(Number),
            }))
            .filter((r) => r.counts.some((n) => n !== 0))
            .sort((x, y) => x.team.localeCompare(y.team));
        const kept = await q(
          'select team_id, open, waiting, unassigned, closed from mc_team_counts where firm_id = $1',
          [firmId],
        );
        const actual = await q(
          `select team_id,
             count(*) filter (where status = 'open') as open,
             count(*) filter (where status = 'open' and waiting_since is not null) as waiting,
             count(*) filter (where status = 'open' and assignee_id is null) as unassigned,
             count(*) filter (where status = 'closed') as closed
           from conversations where firm_id = $1 and kind = 'sms' group by team_id`,
          [firmId],
        );
        expect(nonZero(kept as Record<string, unknown>[])).toEqual(
          nonZero(actual as Record<string, unknown>[]),
        );
      }),
      { numRuns: 100 },
    );
  });
});
