import { eq } from 'drizzle-orm';
import type { Executor } from '../db/client';
import { firms } from '../db/schema';
import { blindIndex, deriveKey, generateKey, openText, seal, unwrapKey, wrapKey } from './envelope';

/** The firm-scoped key operations every feature uses; holds unwrapped firm keys in memory only. */
export interface Keyring {
  /** A new firm key wrapped by the master key, for a firm row being created. */
  newWrappedFirmKey(firmId: string): string;
  /** Encrypts a firm-level secret (TOTP secrets, consumer details …) bound to purpose. */
  encryptForFirm(db: Executor, firmId: string, plaintext: string, purpose: string): Promise<string>;
  decryptForFirm(db: Executor, firmId: string, sealed: string, purpose: string): Promise<string>;
  /**
   * A new conversation key wrapped by the firm key (stored with the conversation; deleting it shreds).
   * The key is remembered, so the conversation's first message does not read back what was just written.
   */
  newWrappedConversationKey(db: Executor, firmId: string, conversationId: string): Promise<string>;
  /** Unwraps a conversation key. */
  conversationKey(db: Executor, firmId: string, conversationId: string, wrapped: string): Promise<Buffer>;
  /**
   * The conversation key from this process's memory, or unwrapped from what loadWrapped reads (and
   * remembered); undefined when there is no key any more.
   */
  rememberedConversationKey(
    db: Executor,
    firmId: string,
    conversationId: string,
    loadWrapped: () => Promise<string | undefined>,
  ): Promise<Buffer | undefined>;
  /** Drops a conversation key from memory (its conversation was deleted). */
  forgetConversationKey(firmId: string, conversationId: string): void;
  /** Blind-index token of a value for the firm's encrypted search. */
  blindIndex(db: Executor, firmId: string, value: string): Promise<string>;
  /** Re-wraps a firm key from the old master key to this keyring's master key (key rotation). */
  rewrapFirmKey(oldMaster: Buffer, firmId: string, wrapped: string): string;
  /** A subkey of the master key for one installation-wide purpose (e.g. signing device cookies). */
  masterSubkey(purpose: string): Buffer;
}

const firmAad = (firmId: string) => `firm-key:${firmId}`;
export const conversationAad = (firmId: string, conversationId: string) =>
  `conversation-key:${firmId}:${conversationId}`;

// Unwrapped conversation keys kept in memory, so a send or a read does not fetch and unwrap the key
// again; the oldest go first. The database row stays the only durable copy (deleting it shreds).
const REMEMBERED_CONVERSATION_KEYS = 10_000;

export function createKeyring(masterKey: Buffer): Keyring {
  const firmKeys = new Map<string, Buffer>();
  const rememberedKeys = new Map<string, Buffer>();

  async function firmKey(db: Executor, firmId: string): Promise<Buffer> {
    const cached = firmKeys.get(firmId);
    if (cached) return cached;
    const [row] = await db.select({ wrappedKey: firms.wrappedKey }).from(firms).where(eq(firms.id, firmId));
    if (!row) throw new Error('unknown firm');
    const key = unwrapKey(masterKey, row.wrappedKey, firmAad(firmId));
    firmKeys.set(firmId, key);
    return key;
  }

  function remember(id: string, key: Buffer) {
    if (rememberedKeys.size >= REMEMBERED_CONVERSATION_KEYS) {
      const oldest = rememberedKeys.keys().next().value;
      if (oldest !== undefined) rememberedKeys.delete(oldest);
    }
    rememberedKeys.set(id, key);
  }

  return {
    newWrappedFirmKey: (firmId) => wrapKey(masterKey, generateKey(), firmAad(firmId)),
    async encryptForFirm(db, firmId, plaintext, purpose) {
      return seal(await firmKey(db, firmId), plaintext, `${purpose}:${firmId}`);
    },
    async decryptForFirm(db, firmId, sealed, purpose) {
      return openText(await firmKey(db, firmId), sealed, `${purpose}:${firmId}`);
    },
    async newWrappedConversationKey(db, firmId, conversationId) {
      const key = generateKey();
      const wrapped = wrapKey(await firmKey(db, firmId), key, conversationAad(firmId, conversationId));
      // Should the creating transaction roll back, the key stays remembered for an id nothing uses.
      remember(`${firmId}:${conversationId}`, key);
      return wrapped;
    },
    async conversationKey(db, firmId, conversationId, wrapped) {
      return unwrapKey(await firmKey(db, firmId), wrapped, conversationAad(firmId, conversationId));
    },
    async rememberedConversationKey(db, firmId, conversationId, loadWrapped) {
      const id = `${firmId}:${conversationId}`;
      const remembered = rememberedKeys.get(id);
      if (remembered) return remembered;
      const wrapped = await loadWrapped();
      if (wrapped === undefined) return undefined;
      const key = unwrapKey(await firmKey(db, firmId), wrapped, conversationAad(firmId, conversationId));
      remember(id, key);
      return key;
    },
    forgetConversationKey(firmId, conversationId) {
      rememberedKeys.delete(`${firmId}:${conversationId}`);
    },
    async blindIndex(db, firmId, value) {
      return blindIndex(deriveKey(await firmKey(db, firmId), 'blind-index'), value);
    },
    rewrapFirmKey(oldMaster, firmId, wrapped) {
      return wrapKey(masterKey, unwrapKey(oldMaster, wrapped, firmAad(firmId)), firmAad(firmId));
    },
    masterSubkey: (purpose) => deriveKey(masterKey, `master/${purpose}`),
  };
}
