/// <reference types="vite/client" />
import { parseStreamFrame, type StreamFrame } from '../../contracts/realtime/frames';

let ignored = 0;

/** How many frames this page has ignored because they did not match the contract. */
export function ignoredFrameCount(): number {
  return ignored;
}

/**
 * Reads one stream frame with the contract's schemas. A frame that does not match (a server newer or
 * older than this page, or a bug) is ignored rather than half-applied to the cache; it is counted,
 * and logged in development so the mismatch shows up while it is being written.
 */
export function readFrame(raw: unknown): StreamFrame | undefined {
  const frame = parseStreamFrame(raw);
  if (frame) return frame;
  ignored += 1;
  if (import.meta.env.DEV) console.warn('Parley: ignored a stream frame that does not match contracts/', raw);
  return undefined;
}
