import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { Executor } from '../../platform/db/client';
import { nameOf } from '../../platform/db/names';
import { preparedOnce } from '../../platform/db/prepared-once';
import { messages } from '../../platform/db/schema';
import { Problem } from '../../platform/http/problem';
import type { ConversationRow } from '../conversations/queries';
import { loadFirmProfile } from '../settings/load-settings';
import type { FirmSettings } from '../settings/model';
import { framedText, type SmsFraming } from '../sms/framing';
import { checkLength, framingFor } from './sender-prefix';

/** The author of the thread's latest text to the client (a staff member's public message), other than `exceptId`. */
async function previousSenderId(
  ex: Executor,
  conversation: Pick<ConversationRow, 'firmId' | 'id'>,
  exceptId: string | null,
): Promise<string | null> {
  const statement = exceptId ? previousSenderExcept(ex) : previousSender(ex);
  const [row] = await statement.execute({ firmId: conversation.firmId, id: conversation.id, exceptId });
  return row ? (row.authorId ?? '') : null;
}

// Read by every text of a thread: built once per shape (issue 11).
function buildPreviousSender(ex: Executor, except: boolean) {
  return ex
    .select({ authorId: messages.authorId })
    .from(messages)
    .where(
      and(
        eq(messages.firmId, sql.placeholder('firmId')),
        eq(messages.conversationId, sql.placeholder('id')),
        eq(messages.authorType, 'user'),
        eq(messages.visibility, 'public'),
        eq(messages.kind, 'message'),
        except ? ne(messages.id, sql.placeholder('exceptId')) : undefined,
      ),
    )
    .orderBy(desc(messages.createdAt), desc(messages.id))
    .limit(1)
    .prepare(except ? 'parley_previous_sender_except' : 'parley_previous_sender');
}
const previousSender = preparedOnce((ex) => buildPreviousSender(ex, false));
const previousSenderExcept = preparedOnce((ex) => buildPreviousSender(ex, true));

/** The firm's name and the sender's, in one statement (the text path is counted: statement-count.test.ts). */
/** The framing a text from `senderId` takes in the thread, and the firm's texting settings. */
export async function framingOfText(
  ex: Executor,
  input: {
    conversation: Pick<ConversationRow, 'firmId' | 'id'>;
    senderId: string;
    /** The sender's display name, when the caller has it. */
    senderName?: string | null;
    /** The message being framed, already stored (it is not its own predecessor). */
    messageId?: string;
  },
): Promise<{
  framing: SmsFraming;
  /** The framing of a recipient's first text from the thread (an added contact's). */
  firstFraming: SmsFraming;
  texting: FirmSettings['secureChatTexting'];
}> {
  const { conversation, senderId } = input;
  const { name: firmName, settings } = await loadFirmProfile(ex, conversation.firmId);
  const previous = await previousSenderId(ex, conversation, input.messageId ?? null);
  const senderName =
    input.senderName ?? (await nameOf(ex, conversation.firmId, { type: 'user', id: senderId })) ?? '';
  const facts = { texting: settings.secureChatTexting, firmName, senderId, senderName };
  const framing = framingFor({ ...facts, previousSenderId: previous });
  const firstFraming = framingFor({ ...facts, previousSenderId: null });
  return { framing, firstFraming, texting: settings.secureChatTexting };
}

/**
 * 422 sms-too-long naming the body when the framed text exceeds the firm's segment limit: the
 * client would get a text split in more parts than the firm allows (each is billed).
 */
export function requireFits(body: string, framing: SmsFraming, maxSegments: number): void {
  const { segments, fits } = checkLength(framedText(body, framing), maxSegments);
  if (fits) return;
  const detail = `This text would take ${segments} SMS segments (name and opt-out footer included); the firm allows at most ${maxSegments}. Shorten it or split it in two.`;
  throw new Problem(422, 'sms-too-long', 'Not allowed by a business rule', detail, [
    { field: 'body.body', message: `takes ${segments} segments; at most ${maxSegments} are allowed` },
  ]);
}
