import { describe, expect, it } from 'vitest';
import { csvText, renderClaimsCsv } from '../../../../shared/export/csv';
import type { ClaimRow } from '../../../../shared/export/model';
import { fixtureModel } from './helpers';

const row = (statement: string, extra: Partial<ClaimRow> = {}): ClaimRow => ({
  id: 'c',
  statement,
  claimant: 'Desk',
  status: 'unverified',
  supports: 1,
  contradicts: 0,
  independentSources: 1,
  tags: [],
  ...extra,
});

describe('claims CSV', () => {
  it('writes a header and one CRLF-terminated row per claim', () => {
    const csv = renderClaimsCsv(fixtureModel({ include: { bibliography: false, claimsAppendix: true, evidenceTable: false } }).claims ?? []);
    expect(csv.split('\r\n')).toEqual([
      'Claim,Claimant,Status,Supporting,Contradicting,Independent sources,Tags',
      'Customs seized 40 tonnes of undeclared tobacco at Pier 9,Ellery Harbour Customs Authority,supported,2,0,2,goods/tobacco',
      'The container was inspected on the quay before the seizure,Harbour authority spokesperson,disputed,1,1,1,paperwork',
      '',
    ]);
  });

  it.each([
    ['plain', 'plain'],
    ['a, b', '"a, b"'],
    ['say "no"', '"say ""no"""'],
    ['two\nlines', '"two\nlines"'],
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1 555', "'+1 555"],
    ['-2+3', "'-2+3"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"],
    ['a=b', 'a=b'],
  ])('quotes and neutralises %j', (input, expected) => {
    expect(csvText(input)).toBe(expected);
  });

  it.each([
    ['  =1+1', "'  =1+1"],
    ['\n=cmd', `"'\n=cmd"`],
    ['\r\n  @SUM(A1)', `"'\r\n  @SUM(A1)"`],
    [' \t +1', "' \t +1"],
    ['\u00a0-1', "'\u00a0-1"],
    ['\u3000＝1+1', "'\u3000＝1+1"],
    ['＝HYPERLINK("x")', `"'＝HYPERLINK(""x"")"`],
    ['＋1', "'＋1"],
    ['－1', "'－1"],
    ['＠SUM(A1)', "'＠SUM(A1)"],
    ['\u200b=1', "'\u200b=1"],
    ['\ufeff=1', "'\ufeff=1"],
    ['﹦1', "'﹦1"],
    ['  text = fine', '  text = fine'],
    ['   ', '   '],
    ['', ''],
  ])('guards a formula behind blanks or in fullwidth form: %j', (input, expected) => {
    expect(csvText(input)).toBe(expected);
  });

  it('neutralises every text column, joins tags, and leaves counts numeric', () => {
    const csv = renderClaimsCsv([row('=1+1', { claimant: '@desk', tags: ['-a', 'b'] })]);
    expect(csv.split('\r\n')[1]).toBe("'=1+1,'@desk,unverified,1,0,1,'-a; b");
  });
});
