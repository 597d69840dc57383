import { z } from 'zod';
import { transferMode } from '../../../contracts/transfers';
import { multiLine } from '../../platform/http/text';

const id = z.uuid().describe('UUID');

/** `POST /conversations/:id/transfer`: to an agent or a team, warm or cold, with a handoff note. */
export const transferBody = z
  .object({
    toUserId: id.optional().describe('The agent to hand it to (required for warm)'),
    toTeamId: id.optional().describe("The team to hand it to (with toUserId: the agent's team it lands in)"),
    mode: transferMode,
    note: multiLine().trim().max(2000).optional().describe('Handoff note, kept as an internal message'),
  })
  .superRefine((v, ctx) => {
    if (v.toUserId === undefined && v.toTeamId === undefined)
      ctx.addIssue({ code: 'custom', path: ['toUserId'], message: 'send toUserId or toTeamId' });
    if (v.mode === 'warm' && v.toUserId === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['toUserId'],
        message: 'a warm transfer asks one colleague: send toUserId',
      });
  });
export type TransferBody = z.infer<typeof transferBody>;
