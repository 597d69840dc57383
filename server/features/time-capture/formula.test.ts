import { describe, expect, it } from 'vitest';
import { neutraliseFormula } from './formula';

describe('neutraliseFormula', () => {
  it('prefixes an apostrophe to every cell a spreadsheet would run as a formula', () => {
    for (const start of ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'])
      expect(neutraliseFormula(`${start}HYPERLINK("http://evil.test")`)).toBe(
        `'${start}HYPERLINK("http://evil.test")`,
      );
  });

  it('leaves other cells alone, also those with a formula character further in', () => {
    for (const cell of ['', 'Call re: Roe', '2026-0001', ' =1+1', "'quoted", 'a=b', '€5'])
      expect(neutraliseFormula(cell)).toBe(cell);
  });
});
