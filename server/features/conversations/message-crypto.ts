import { and, eq } from 'drizzle-orm';
import { openText, seal } from '../../platform/crypto/envelope';
import type { Keyring } from '../../platform/crypto/keyring';
import type { Executor } from '../../platform/db/client';
import { conversationKeys } from '../../platform/db/schema';
import { notFound } from '../../platform/http/problem';

/** The additional data binding a message body to its row: a body copied elsewhere fails to decrypt. */
export const messageAad = (conversationId: string, messageId: string) =>
  `message:${conversationId}:${messageId}`;

/** The additional data binding a conversation's encrypted subject to it. */
export const subjectAad = (conversationId: string) => `subject:${conversationId}`;

/** Encrypts text under a conversation key bound to aad. */
export function sealText(key: Buffer, plaintext: string, aad: string): string {
  return seal(key, plaintext, aad);
}

/** Decrypts what sealText produced. */
export function openSealed(key: Buffer, sealed: string, aad: string): string {
  return openText(key, sealed, aad);
}

/** The conversation's unwrapped key; 404 once the key is gone (a deleted conversation). */
export async function loadConversationKey(
  ex: Executor,
  keyring: Keyring,
  firmId: string,
  conversationId: string,
): Promise<Buffer> {
  const key = await keyring.rememberedConversationKey(ex, firmId, conversationId, async () => {
    const [row] = await ex
      .select({ wrappedKey: conversationKeys.wrappedKey })
      .from(conversationKeys)
      .where(and(eq(conversationKeys.firmId, firmId), eq(conversationKeys.conversationId, conversationId)));
    return row?.wrappedKey;
  });
  if (!key) throw notFound('conversation');
  return key;
}
