import { describe, expect, it } from 'vitest';
import { hasControlCharacter, multiLine, searchQuery, singleLine } from './text';

const c0 = Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(i));
const c1 = Array.from({ length: 0x20 }, (_, i) => String.fromCharCode(0x80 + i));
const LINE_BREAKS = ['\t', '\n', '\r'];

describe('singleLine', () => {
  it('refuses every C0 control, DEL and every C1 control, anywhere in the value', () => {
    for (const ch of [...c0, '\u007f', ...c1]) {
      for (const value of [ch, `a${ch}`, `${ch}a`, `Jane${ch}Roe`]) {
        const r = singleLine().safeParse(value);
        expect(r.success, JSON.stringify(value)).toBe(false);
        expect(r.error?.issues[0]?.message).toBe('must not contain control characters');
      }
    }
  });

  it('keeps printable text of every script, emoji and the characters next to the control ranges', () => {
    for (const value of ['', ' ', 'Jane Roe', 'Zoë Ñuñez', '東京', '🙂', '~', '\u00a0', '\u00a9', '\u2028x'])
      expect(singleLine().parse(value)).toBe(value);
  });

  it('checks before trimming, so a control character at either end is refused too', () => {
    expect(singleLine().trim().safeParse('name\u0000').success).toBe(false);
    expect(singleLine().trim().parse('  name ')).toBe('name');
  });
});

describe('multiLine', () => {
  it('keeps tab, line feed and carriage return', () => {
    expect(multiLine().parse('Dear Jane,\r\n\tSee you Friday.\n')).toBe('Dear Jane,\r\n\tSee you Friday.\n');
  });

  it('refuses every other control character', () => {
    for (const ch of [...c0.filter((x) => !LINE_BREAKS.includes(x)), '\u007f', ...c1])
      expect(multiLine().safeParse(`line${ch}`).success, JSON.stringify(ch)).toBe(false);
  });
});

describe('searchQuery', () => {
  it('trims, needs 1–200 characters and refuses control characters', () => {
    expect(searchQuery().parse('  roe ')).toBe('roe');
    expect(searchQuery().safeParse('   ').success).toBe(false);
    expect(searchQuery().safeParse('x'.repeat(201)).success).toBe(false);
    expect(searchQuery().safeParse('roe\u0000').success).toBe(false);
    expect(searchQuery().safeParse('roe\n').success).toBe(false);
  });
});

describe('hasControlCharacter', () => {
  it('agrees with the schemas', () => {
    expect(hasControlCharacter('a\u0000')).toBe(true);
    expect(hasControlCharacter('a\n')).toBe(true);
    expect(hasControlCharacter('a\n', { multiLine: true })).toBe(false);
    expect(hasControlCharacter('a\u0000', { multiLine: true })).toBe(true);
    expect(hasControlCharacter('Jane')).toBe(false);
  });
});
