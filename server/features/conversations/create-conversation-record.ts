import { v7 as uuidv7 } from 'uuid';
import type { Deps } from '../../deps';
import type { Tx } from '../../platform/db/client';
import { conversationKeys, conversationMembers, conversations } from '../../platform/db/schema';
import { sealText, subjectAad } from './message-crypto';
import type { ConversationRow } from './queries';

/** A member of a conversation being created. */
export interface NewMember {
  memberType: 'user' | 'contact';
  memberId: string;
  /** creator | member | to | cc; defaults to member. */
  role?: string;
}

export interface NewConversation {
  firmId: string;
  id?: string;
  kind: string;
  createdBy: string | null;
  matterId?: string | null;
  contactId?: string | null;
  contactPhone?: string | null;
  firmPhone?: string | null;
  /** Plain subject; stored encrypted with the conversation key. */
  subject?: string | null;
  teamId?: string | null;
  /** Message Center: the campaign texted, and since when the conversation waits for a claim. */
  campaignId?: string | null;
  unclaimedSince?: Date | null;
  members: NewMember[];
}

/**
 * Inserts a conversation, its freshly generated key (wrapped by the firm key) and its members
 * inside the caller's transaction. Kind-specific rules (who may create what) belong to the caller.
 */
export async function createConversationRecord(
  tx: Tx,
  deps: Pick<Deps, 'keyring' | 'clock'>,
  input: NewConversation,
): Promise<ConversationRow> {
  const id = input.id ?? uuidv7();
  const now = deps.clock();
  const wrappedKey = await deps.keyring.newWrappedConversationKey(tx, input.firmId, id);
  await tx.insert(conversationKeys).values({ firmId: input.firmId, conversationId: id, wrappedKey });
  const subjectSealed =
    input.subject != null
      ? sealText(
          await deps.keyring.conversationKey(tx, input.firmId, id, wrappedKey),
          input.subject,
          subjectAad(id),
        )
      : null;
  const [row] = await tx
    .insert(conversations)
    .values({
      firmId: input.firmId,
      id,
      kind: input.kind,
      subjectSealed,
      matterId: input.matterId ?? null,
      contactId: input.contactId ?? null,
      contactPhone: input.contactPhone ?? null,
      firmPhone: input.firmPhone ?? null,
      teamId: input.teamId ?? null,
      campaignId: input.campaignId ?? null,
      unclaimedSince: input.unclaimedSince ?? null,
      createdBy: input.createdBy,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  const seen = new Set<string>();
  const members = input.members.filter((m) => {
    const key = `${m.memberType}:${m.memberId}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (members.length > 0)
    await tx.insert(conversationMembers).values(
      members.map((m) => ({
        firmId: input.firmId,
        conversationId: id,
        memberType: m.memberType,
        memberId: m.memberId,
        role: m.role ?? 'member',
        addedBy: input.createdBy,
        addedAt: now,
      })),
    );
  return row as ConversationRow;
}
