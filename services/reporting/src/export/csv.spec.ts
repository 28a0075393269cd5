import { csvField, csvLine } from './csv';

describe('CSV fields', () => {
  it('quotes separators, quotes and line breaks (RFC 4180)', () => {
    expect(csvLine(['a', 'b,c', 'say "hi"', 'x\ny', null, 3, ['JOB', 'SMALL_JOB']])).toBe(
      'a,"b,c","say ""hi""","x\ny",,3,JOB;SMALL_JOB\r\n',
    );
  });

  it('defuses text a spreadsheet would run as a formula, but keeps negative numbers', () => {
    expect(csvField('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-3')).toBe('-3');
    expect(csvField(-2.5)).toBe('-2.5');
  });
});
