import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './pagination';
import { Problem } from './problem';

const ID = '01900000-0000-7000-8000-000000000001';

function refused(run: () => unknown) {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(Problem);
    expect((error as Problem).status).toBe(400);
    return;
  }
  throw new Error('the cursor was accepted');
}

describe('decodeCursor', () => {
  it('is undefined without a cursor', () => {
    expect(decodeCursor(undefined, ['uuid'])).toBeUndefined();
  });

  it('gives back what encodeCursor encoded, element by element', () => {
    expect(decodeCursor(encodeCursor(['Ann Lee', ID]), ['text', 'uuid'])).toEqual(['Ann Lee', ID]);
    expect(decodeCursor(encodeCursor(['2026-03-01T10:00:00.000Z', ID]), ['time', 'uuid'])).toEqual([
      '2026-03-01T10:00:00.000Z',
      ID,
    ]);
    expect(decodeCursor(encodeCursor(['2026-03-01', ID]), ['date', 'uuid'])).toEqual(['2026-03-01', ID]);
    expect(decodeCursor(encodeCursor(['42']), ['seq'])).toEqual(['42']);
  });

  it.each([
    ['not base64 JSON', '%%%', ['uuid']],
    ['another length', encodeCursor([ID, ID]), ['uuid']],
    ['a number instead of text', encodeCursor([7]), ['text']],
    ['a control character', encodeCursor(['a\u0000b', ID]), ['text', 'uuid']],
    ['not a uuid', encodeCursor(['x']), ['uuid']],
    ['not a time', encodeCursor(['yesterday', ID]), ['time', 'uuid']],
    ['not a day', encodeCursor(['2026-3-1', ID]), ['date', 'uuid']],
    ['zero as a seq', encodeCursor(['0']), ['seq']],
    ['a seq past safe integers', encodeCursor(['9999999999999999']), ['seq']],
  ] as const)('refuses %s with a 400', (_, cursor, parts) => {
    refused(() => decodeCursor(cursor, parts));
  });
});
