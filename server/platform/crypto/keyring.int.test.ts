import { eq } from 'drizzle-orm';
import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/client';
import { openPglite } from '../db/pglite';
import { firms } from '../db/schema';
import { DecryptionError, generateKey, open, openText, seal } from './envelope';
import { createKeyring } from './keyring';

let database: Database;
const master = generateKey();

/** A firm row whose key is wrapped by the master key. */
async function newFirm(): Promise<string> {
  const id = uuidv7();
  await database.db
    .insert(firms)
    .values({ id, name: `Firm ${id}`, wrappedKey: createKeyring(master).newWrappedFirmKey(id) });
  return id;
}

beforeAll(async () => {
  database = await openPglite({});
  await database.migrate();
});
afterAll(() => database.close());

describe('keyring', () => {
  it('encrypts firm secrets for one purpose and firm only', async () => {
    const [a, b] = [await newFirm(), await newFirm()];
    const keyring = createKeyring(master);
    const sealed = await keyring.encryptForFirm(database.db, a, 'JBSWY3DPEHPK3PXP', 'totp');
    expect(await keyring.decryptForFirm(database.db, a, sealed, 'totp')).toBe('JBSWY3DPEHPK3PXP');
    await expect(keyring.decryptForFirm(database.db, a, sealed, 'consumer')).rejects.toThrow(DecryptionError);
    await expect(keyring.decryptForFirm(database.db, b, sealed, 'totp')).rejects.toThrow(DecryptionError);
  });

  it('cannot open a firm key under another master key', async () => {
    const firm = await newFirm();
    const sealed = await createKeyring(master).encryptForFirm(database.db, firm, 'secret', 'totp');
    const stranger = createKeyring(generateKey());
    await expect(stranger.decryptForFirm(database.db, firm, sealed, 'totp')).rejects.toThrow(DecryptionError);
  });

  it('remembers a conversation key it made, and unwrapped ones, until told to forget them', async () => {
    const firm = await newFirm();
    const keyring = createKeyring(master);
    const conversation = uuidv7();
    const wrapped = await keyring.newWrappedConversationKey(database.db, firm, conversation);
    let reads = 0;
    const load = async () => {
      reads++;
      return wrapped;
    };
    // Made here: its first message does not read back the row just written.
    const made = await keyring.rememberedConversationKey(database.db, firm, conversation, load);
    expect(reads).toBe(0);
    expect(made).toEqual(await keyring.conversationKey(database.db, firm, conversation, wrapped));
    keyring.forgetConversationKey(firm, conversation);
    // Unwrapped from what load reads (another process made it), then remembered.
    const first = await keyring.rememberedConversationKey(database.db, firm, conversation, load);
    const second = await keyring.rememberedConversationKey(database.db, firm, conversation, load);
    expect(second).toEqual(first);
    expect(first).toEqual(made);
    expect(reads).toBe(1);
    keyring.forgetConversationKey(firm, conversation);
    expect(
      await keyring.rememberedConversationKey(database.db, firm, conversation, async () => undefined),
    ).toBe(undefined);
    await expect(
      keyring.rememberedConversationKey(database.db, firm, uuidv7(), async () => wrapped),
    ).rejects.toThrow(DecryptionError);
  });

  it('refuses a firm that does not exist', async () => {
    await expect(createKeyring(master).blindIndex(database.db, uuidv7(), 'x')).rejects.toThrow(
      'unknown firm',
    );
  });

  it('gives each conversation its own key, bound to the conversation and firm', async () => {
    const [firm, other] = [await newFirm(), await newFirm()];
    const keyring = createKeyring(master);
    const conversation = uuidv7();
    const wrapped = await keyring.newWrappedConversationKey(database.db, firm, conversation);
    const key = await keyring.conversationKey(database.db, firm, conversation, wrapped);
    const body = seal(key, 'See you in court', `message:${conversation}:1`);
    const again = await createKeyring(master).conversationKey(database.db, firm, conversation, wrapped);
    expect(openText(again, body, `message:${conversation}:1`)).toBe('See you in court');
    await expect(keyring.conversationKey(database.db, firm, uuidv7(), wrapped)).rejects.toThrow(
      DecryptionError,
    );
    await expect(keyring.conversationKey(database.db, other, conversation, wrapped)).rejects.toThrow(
      DecryptionError,
    );
  });

  it('makes content unreadable once the wrapped conversation key is thrown away (crypto-shredding)', async () => {
    const firm = await newFirm();
    const keyring = createKeyring(master);
    const conversation = uuidv7();
    // The wrapped key lives only in this scope, like a conversation row that is then deleted.
    const body = seal(
      await keyring.conversationKey(
        database.db,
        firm,
        conversation,
        await keyring.newWrappedConversationKey(database.db, firm, conversation),
      ),
      'privileged',
      'm',
    );
    // Neither the master key nor a new key issued for the same conversation opens it.
    const reissued = await keyring.newWrappedConversationKey(database.db, firm, conversation);
    const reissuedKey = await keyring.conversationKey(database.db, firm, conversation, reissued);
    expect(() => open(reissuedKey, body, 'm')).toThrow(DecryptionError);
    expect(() => open(master, body, 'm')).toThrow(DecryptionError);
  });

  it('computes a blind index that is stable within a firm and differs across firms', async () => {
    const [a, b] = [await newFirm(), await newFirm()];
    const keyring = createKeyring(master);
    const inA = await keyring.blindIndex(database.db, a, 'Settlement');
    expect(await createKeyring(master).blindIndex(database.db, a, 'settlement')).toBe(inA);
    expect(await keyring.blindIndex(database.db, b, 'settlement')).not.toBe(inA);
  });

  it('re-wraps a firm key for a new master: data stays readable with the new master, not the old', async () => {
    const firm = await newFirm();
    const sealed = await createKeyring(master).encryptForFirm(database.db, firm, 'before rotation', 'totp');
    const indexBefore = await createKeyring(master).blindIndex(database.db, firm, 'term');
    const newMaster = generateKey();
    const [row] = await database.db.select().from(firms).where(eq(firms.id, firm));
    const rewrapped = createKeyring(newMaster).rewrapFirmKey(master, firm, row!.wrappedKey);
    await database.db.update(firms).set({ wrappedKey: rewrapped }).where(eq(firms.id, firm));

    const rotated = createKeyring(newMaster);
    expect(await rotated.decryptForFirm(database.db, firm, sealed, 'totp')).toBe('before rotation');
    expect(await rotated.blindIndex(database.db, firm, 'term')).toBe(indexBefore);
    await expect(createKeyring(master).decryptForFirm(database.db, firm, sealed, 'totp')).rejects.toThrow(
      DecryptionError,
    );
  });

  it('refuses to re-wrap with the wrong old master key', async () => {
    const firm = await newFirm();
    const [row] = await database.db.select().from(firms).where(eq(firms.id, firm));
    expect(() => createKeyring(generateKey()).rewrapFirmKey(generateKey(), firm, row!.wrappedKey)).toThrow(
      DecryptionError,
    );
  });
});
