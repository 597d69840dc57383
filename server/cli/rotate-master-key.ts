import { chmodSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { recordAudit } from '../platform/audit/audit-log';
import { DecryptionError, parseMasterKey } from '../platform/crypto/envelope';
import { createKeyring } from '../platform/crypto/keyring';
import { resolveMasterKey } from '../platform/crypto/master-key';
import { firms } from '../platform/db/schema';
import { defineCommand } from './command';

/** Standard base64 of exactly 32 bytes, as `openssl rand -base64 32` prints it. */
const masterKey = z
  .string()
  .regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 random bytes in base64 (e.g. from `openssl rand -base64 32`)');

export const rotateMasterKeyCommand = defineCommand({
  name: 'rotate-master-key',
  synopsis: '--new-key <base64 of 32 bytes>',
  summary:
    'wrap every firm key with a new master key in one transaction (stop the servers first when the database is embedded)',
  options: { 'new-key': { type: 'string' } },
  args: z.object({ 'new-key': masterKey }),
  async run(ctx, args) {
    const current = resolveMasterKey(ctx.config);
    const next = parseMasterKey(args['new-key']);
    if (next.equals(current.key)) {
      ctx.err('--new-key: is the current master key\n');
      return 2;
    }
    const keyFile = path.join(ctx.config.DATA_DIR, 'master.key');
    const staged = `${keyFile}.new`;
    const inFile = current.source !== 'env';
    // The new key reaches the disk before the database commits, so no moment exists in which the
    // firm keys are wrapped by a key that is stored nowhere.
    if (inFile) {
      writeFileSync(staged, `${args['new-key']}\n`, { mode: 0o600 });
      chmodSync(staged, 0o600);
    }
    const keyring = createKeyring(next);
    let count: number;
    try {
      count = await ctx.deps.db.transaction(async (tx) => {
        const rows = await tx
          .select({ id: firms.id, wrappedKey: firms.wrappedKey })
          .from(firms)
          .orderBy(asc(firms.id))
          .for('update');
        for (const firm of rows) {
          let wrappedKey: string;
          try {
            wrappedKey = keyring.rewrapFirmKey(current.key, firm.id, firm.wrappedKey);
          } catch (error) {
            if (error instanceof DecryptionError)
              throw new Error(`the current master key does not open the key of firm ${firm.id}`);
            throw error;
          }
          await tx.update(firms).set({ wrappedKey }).where(eq(firms.id, firm.id));
          await recordAudit(tx, {
            firmId: firm.id,
            actorType: 'system',
            action: 'master_key.rotated',
            targetType: 'firm',
            targetId: firm.id,
          });
        }
        return rows.length;
      });
    } catch (error) {
      if (inFile) rmSync(staged, { force: true });
      throw error;
    }
    if (inFile) {
      renameSync(staged, keyFile);
      ctx.out(`Re-wrapped ${count} firm key(s). ${keyFile} now holds the new master key (mode 0600).\n`);
      ctx.out('Start Parley again; keep a copy of the new key with your backups.\n');
    } else {
      ctx.out(`Re-wrapped ${count} firm key(s) with the new master key.\n`);
      ctx.out(
        'Next: set PARLEY_MASTER_KEY to the new key (the value you passed with --new-key) wherever Parley runs and restart every process; the old key no longer opens the firm keys.\n',
      );
    }
    return 0;
  },
});
