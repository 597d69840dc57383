import { describe, expect, it } from 'vitest';
import { timeEntriesCsv } from './csv';
import {
  LEDES_1998B_FIELDS,
  ledes1998b,
  ledesDate,
  ledesId,
  ledesMoney,
  ledesText,
  ledesUnits,
} from './ledes';

const entry = {
  date: '2026-03-02',
  matterNumber: '2026-0001',
  matterName: 'Roe v. Acme Corp.',
  clientId: 'CLIENT1',
  timekeeperId: 'TK1',
  timekeeperName: 'Alex Attorney',
  classification: 'PT',
  billedMinutes: 18,
  rateCents: 300_00,
  amountCents: 90_00,
  narrative: 'Call re: Roe v. Acme Corp.',
};

describe('LEDES 1998B', () => {
  it('has the 24 fields of the standard in order', () => {
    expect(LEDES_1998B_FIELDS).toHaveLength(24);
    expect(LEDES_1998B_FIELDS[0]).toBe('INVOICE_DATE');
    expect(LEDES_1998B_FIELDS[9]).toBe('EXP/FEE/INV_ADJ_TYPE');
    expect(LEDES_1998B_FIELDS[23]).toBe('CLIENT_MATTER_ID');
  });

  it('formats dates, money, units and ids', () => {
    expect(ledesDate('2026-03-02')).toBe('20260302');
    expect(ledesMoney(12_345)).toBe('123.45');
    expect(ledesMoney(5)).toBe('0.05');
    expect(ledesMoney(-150)).toBe('-1.50');
    expect(ledesUnits(6)).toBe('0.10');
    expect(ledesUnits(90)).toBe('1.50');
    expect(ledesUnits(5)).toBe('0.0833');
    expect(ledesId('01a200c8-292c-76eb-a872-3736d4c98255')).toBe('76eba8723736d4c98255');
  });

  it('keeps field values ASCII, on one line, without delimiters or terminators', () => {
    expect(ledesText('Call | “draft” [v2]\nnext—line… José')).toBe('Call / "draft" (v2) next-line... Jose');
    expect(ledesText('x'.repeat(30), 20)).toBe('x'.repeat(20));
    expect(ledesText('日本')).toBe('??');
  });

  it('neutralises cells that start like a spreadsheet formula, also in full-width forms', () => {
    expect(ledesText('=HYPERLINK("http://evil.test")')).toBe(`'=HYPERLINK("http://evil.test")`);
    for (const start of ['+', '-', '@', '＝', '＋', '－', '＠'])
      expect(ledesText(`${start}1+1`).startsWith("'")).toBe(true);
    expect(ledesText('\t=1+1')).toBe("'=1+1");
    expect(ledesText('Call re: Roe')).toBe('Call re: Roe');
  });

  it('makes one invoice per matter with line numbers, totals and the billing period', () => {
    const file = ledes1998b({
      invoiceDate: '2026-04-01',
      lawFirmId: 'FIRM',
      entries: [
        entry,
        { ...entry, date: '2026-03-09', billedMinutes: 6, amountCents: 30_00 },
        { ...entry, matterNumber: '2026-0002', matterName: 'Estate of Smith', clientId: 'CLIENT2' },
      ],
    });
    const lines = file.split('\r\n');
    expect(lines[0]).toBe('LEDES1998B[]');
    expect(lines[1]).toBe(`${LEDES_1998B_FIELDS.join('|')}[]`);
    expect(lines[2]).toBe(
      '20260401|20260401-2026-0001|CLIENT1|2026-0001|120.00|20260302|20260309|Legal services: Roe v. Acme Corp.|1|F|0.30|0.00|90.00|20260302|||A106|TK1|Call re: Roe v. Acme Corp.|FIRM|300.00|Alex Attorney|PT|[]',
    );
    expect(lines[3]?.split('|').slice(0, 9)).toEqual([
      '20260401',
      '20260401-2026-0001',
      'CLIENT1',
      '2026-0001',
      '120.00',
      '20260302',
      '20260309',
      'Legal services: Roe v. Acme Corp.',
      '2',
    ]);
    expect(lines[4]?.split('|').slice(1, 9)).toEqual([
      '20260401-2026-0002',
      'CLIENT2',
      '2026-0002',
      '90.00',
      '20260302',
      '20260302',
      'Legal services: Estate of Smith',
      '1',
    ]);
    expect(lines[5]).toBe('');
  });

  it('writes only the header lines when there is nothing to bill', () => {
    expect(ledes1998b({ invoiceDate: '2026-04-01', lawFirmId: 'F', entries: [] })).toBe(
      `LEDES1998B[]\r\n${LEDES_1998B_FIELDS.join('|')}[]\r\n`,
    );
  });
});

describe('CSV', () => {
  it('defuses formulas in every text cell, also after a tab or in full-width forms', () => {
    const csv = timeEntriesCsv([
      {
        date: '2026-03-02',
        timekeeper: '@SUM(A1)',
        timekeeperId: 'u1',
        matterNumber: '-2026',
        matterName: '＝HYPERLINK("http://evil.test")',
        source: 'call',
        hours: 0.3,
        rateCents: 300_00,
        amountCents: 90_00,
        narrative: '\t=1+1',
        timeEntryId: 'e1',
        billableEventId: 'b1',
      },
    ]);
    const row = csv.split('\r\n')[1] as string;
    expect(row).toBe(
      `2026-03-02,'@SUM(A1),u1,'-2026,"'＝HYPERLINK(""http://evil.test"")",call,0.3,300.00,90.00,'\t=1+1,e1,b1`,
    );
  });

  it('quotes commas, quotes and line breaks, and defuses spreadsheet formulas', () => {
    const csv = timeEntriesCsv([
      {
        date: '2026-03-02',
        timekeeper: 'Alex Attorney',
        timekeeperId: 'u1',
        matterNumber: '2026-0001',
        matterName: 'Roe, Jane v. "Acme"',
        source: 'call',
        hours: 0.3,
        rateCents: 300_00,
        amountCents: 90_00,
        narrative: '=HYPERLINK("x")\r\nsecond line',
        timeEntryId: 'e1',
        billableEventId: 'b1',
      },
    ]);
    expect(csv).toBe(
      'date,timekeeper,timekeeper_id,matter_number,matter_name,source,hours,rate,amount,narrative,time_entry_id,billable_event_id\r\n' +
        '2026-03-02,Alex Attorney,u1,2026-0001,"Roe, Jane v. ""Acme""",call,0.3,300.00,90.00,"\'=HYPERLINK(""x"")\r\nsecond line",e1,b1\r\n',
    );
  });
});
