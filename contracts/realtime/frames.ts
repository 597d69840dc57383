import { z } from 'zod';
import { streamEvent } from './events';

/** The first frame on every socket: it is open and authorised, as this user or contact. */
export const readyFrame = z.object({
  type: z.literal('ready'),
  data: z.union([z.object({ userId: z.string() }), z.object({ contactId: z.string() })]),
});

/** Events may have been missed (the link between servers was interrupted): refetch what is shown. */
export const resyncFrame = z.object({ type: z.literal('resync') });

/** Every frame the server sends on a stream. */
export const streamFrame = z.discriminatedUnion('type', [...streamEvent.options, readyFrame, resyncFrame]);
export type StreamFrame = z.output<typeof streamFrame>;

/**
 * Reads one text frame: the frame when it is JSON of a known type with the payload its contract
 * describes, else undefined (an unknown type or a malformed payload is ignored, never half-applied).
 */
export function parseStreamFrame(raw: unknown): StreamFrame | undefined {
  if (typeof raw !== 'string') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const parsed = streamFrame.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
