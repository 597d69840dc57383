import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHAIN_START,
  type ChainedEntry,
  canonicalJson,
  entryTextAround,
  GENESIS_HASH,
  hashEntry,
  verifyChain,
} from './chain';

type Entry = ChainedEntry & { hash: string };

/** A valid chain of n entries for one firm. */
function chain(n: number): Entry[] {
  const entries: Entry[] = [];
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const base: ChainedEntry = {
      firmId: '01900000-0000-7000-8000-000000000001',
      seq,
      id: `01900000-0000-7000-8000-${String(seq).padStart(12, '0')}`,
      at: new Date(Date.UTC(2026, 0, 1, 0, 0, seq)),
      actorType: 'user',
      actorId: 'u1',
      action: seq % 2 ? 'conversation.read' : 'message.created',
      targetType: 'conversation',
      targetId: `c${seq}`,
      ip: '203.0.113.9',
      details: { n: seq, nested: { b: 2, a: 1 } },
      prevHash,
    };
    const entry = { ...base, hash: hashEntry(base) };
    entries.push(entry);
    prevHash = entry.hash;
  }
  return entries;
}

describe('canonicalJson', () => {
  it('does not depend on key order, at any depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { y: 1, x: 2 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [1, { x: 2, y: 1 }] }, b: 1 }),
    );
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it('keeps array order and drops undefined fields', () => {
    expect(canonicalJson([2, 1])).not.toBe(canonicalJson([1, 2]));
    expect(canonicalJson({ a: 1, b: undefined })).toBe(canonicalJson({ a: 1 }));
    expect(canonicalJson(undefined)).toBe('null');
  });

  it('is the same for any reordering of an object (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (obj) => {
        const reversed = Object.fromEntries(Object.entries(obj).reverse());
        expect(canonicalJson(reversed)).toBe(canonicalJson(obj));
        expect(JSON.parse(canonicalJson(obj))).toEqual(JSON.parse(JSON.stringify(obj)));
      }),
    );
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain and reports where it ends', () => {
    const entries = chain(5);
    const verdict = verifyChain(entries);
    expect(verdict).toMatchObject({ ok: true, entries: 5 });
    expect(verdict.position).toEqual({ prevHash: entries[4]!.hash, nextSeq: 6 });
    expect(verifyChain([])).toMatchObject({ ok: true, entries: 0, position: CHAIN_START });
  });

  it('names an entry whose fields were edited after the fact', () => {
    for (const edit of [
      (e: Entry) => {
        e.details = { n: 999 };
      },
      (e: Entry) => {
        e.action = 'nothing.happened';
      },
      (e: Entry) => {
        e.at = new Date(e.at.getTime() + 1);
      },
      (e: Entry) => {
        e.actorId = 'someone-else';
      },
    ]) {
      const entries = chain(5);
      edit(entries[2]!);
      expect(verifyChain(entries)).toMatchObject({ ok: false, firstBadEntryId: entries[2]!.id, entries: 3 });
    }
  });

  it('names an entry whose hash was recomputed after an edit (its successor no longer links)', () => {
    const entries = chain(5);
    entries[1]!.details = { forged: true };
    entries[1]!.hash = hashEntry(entries[1]!);
    expect(verifyChain(entries)).toMatchObject({ ok: false, firstBadEntryId: entries[2]!.id });
  });

  it('detects reordered entries', () => {
    const entries = chain(5);
    [entries[1], entries[2]] = [entries[2]!, entries[1]!];
    expect(verifyChain(entries)).toMatchObject({ ok: false, firstBadEntryId: entries[1]!.id });
  });

  it('detects a missing entry and names the one after the gap', () => {
    const entries = chain(5);
    const afterGap = entries[3]!;
    entries.splice(2, 1);
    expect(verifyChain(entries)).toMatchObject({ ok: false, entries: 3, firstBadEntryId: afterGap.id });
  });

  it('detects a chain that does not start at the genesis hash', () => {
    const entries = chain(3).slice(1);
    expect(verifyChain(entries)).toMatchObject({ ok: false, firstBadEntryId: entries[0]!.id });
  });

  it('continues across pages from a position, counting each page on its own', () => {
    const entries = chain(10);
    const first = verifyChain(entries.slice(0, 4));
    const second = verifyChain(entries.slice(4), first.position);
    expect(second).toMatchObject({ ok: true, entries: 6 });
    expect(second.position.nextSeq).toBe(11);

    // A page read from the wrong position (a gap between pages) fails at its first entry.
    expect(verifyChain(entries.slice(5), first.position)).toMatchObject({
      ok: false,
      entries: 1,
      firstBadEntryId: entries[5]!.id,
    });
    const tampered = chain(10);
    tampered[7]!.targetId = 'other';
    expect(verifyChain(tampered.slice(4), verifyChain(tampered.slice(0, 4)).position)).toMatchObject({
      ok: false,
      entries: 4,
      firstBadEntryId: tampered[7]!.id,
    });
  });
});

describe('entryTextAround', () => {
  it('joined with any head gives the text hashEntry hashes', () => {
    fc.assert(
      fc.property(
        fc.record({
          firmId: fc.uuid(),
          id: fc.uuid(),
          at: fc.date({ min: new Date(0), max: new Date(4e12), noInvalidDate: true }),
          actorType: fc.string(),
          actorId: fc.option(fc.string()),
          action: fc.string(),
          targetType: fc.option(fc.string()),
          targetId: fc.option(fc.string()),
          ip: fc.option(fc.string()),
          details: fc.jsonValue(),
        }),
        fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
        fc.stringMatching(/^[0-9a-f]{64}$/),
        (entry, seq, prevHash) => {
          const { before, between, after } = entryTextAround(entry);
          const text = before + prevHash + between + String(seq) + after;
          expect(createHash('sha256').update(text).digest('hex')).toBe(
            hashEntry({ ...entry, seq, prevHash }),
          );
        },
      ),
    );
  });
});
