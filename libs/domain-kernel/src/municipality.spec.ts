import {
  isMunicipalityCode,
  MUNICIPALITIES,
  MunicipalityCode,
  municipalityName,
  municipalityRegion,
  parseMunicipalityCode,
  Region,
} from './municipality';

describe('municipalities', () => {
  it('lists all 98 municipalities, with unique 3-digit codes and unique names', () => {
    expect(MUNICIPALITIES).toHaveLength(98);
    expect(new Set(MUNICIPALITIES.map((m) => m.code)).size).toBe(98);
    expect(new Set(MUNICIPALITIES.map((m) => m.name)).size).toBe(98);
    for (const m of MUNICIPALITIES) expect(m.code).toMatch(/^[1-8]\d{2}$/);
  });

  it('has the number of municipalities of each region', () => {
    const perRegion = Object.fromEntries(Region.map((r) => [r, MUNICIPALITIES.filter((m) => m.region === r).length]));
    expect(perRegion).toEqual({
      NORTH_JUTLAND: 11,
      CENTRAL_JUTLAND: 19,
      SOUTHERN_DENMARK: 22,
      CAPITAL: 29,
      ZEALAND: 17,
    });
  });

  it.each([
    ['101', 'København', 'CAPITAL'],
    ['147', 'Frederiksberg', 'CAPITAL'],
    ['400', 'Bornholm', 'CAPITAL'],
    ['330', 'Slagelse', 'ZEALAND'],
    ['340', 'Sorø', 'ZEALAND'],
    ['461', 'Odense', 'SOUTHERN_DENMARK'],
    ['615', 'Horsens', 'CENTRAL_JUTLAND'],
    ['751', 'Aarhus', 'CENTRAL_JUTLAND'],
    ['773', 'Morsø', 'NORTH_JUTLAND'],
    ['851', 'Aalborg', 'NORTH_JUTLAND'],
    ['860', 'Hjørring', 'NORTH_JUTLAND'],
  ])('%s is %s in %s', (code, name, region) => {
    expect(isMunicipalityCode(code)).toBe(true);
    expect(municipalityName(code)).toBe(name);
    expect(municipalityRegion(code)).toBe(region);
  });

  it.each(['411', '100', '000', '999', '0101', '101 ', 'abc', ''])('does not take %j as a municipality code', (c) => {
    expect(isMunicipalityCode(c)).toBe(false);
    expect(municipalityName(c)).toBeUndefined();
  });

  it('lists the codes in ascending order', () => {
    expect(MunicipalityCode).toHaveLength(98);
    expect(MunicipalityCode[0]).toBe('101');
    expect(MunicipalityCode[97]).toBe('860');
    expect([...MunicipalityCode].sort()).toEqual(MunicipalityCode);
  });
});

describe('parseMunicipalityCode', () => {
  it('accepts the 3-digit code and the zero-padded register form', () => {
    expect(parseMunicipalityCode('101')).toEqual({ ok: true, value: '101' });
    expect(parseMunicipalityCode('0101')).toEqual({ ok: true, value: '101' });
    expect(parseMunicipalityCode('0851')).toEqual({ ok: true, value: '851' });
  });

  it('refuses malformed and unknown codes', () => {
    expect(parseMunicipalityCode('1010')).toEqual({ ok: false, reason: 'must be 3 digits (e.g. 101)' });
    expect(parseMunicipalityCode('10')).toEqual({ ok: false, reason: 'must be 3 digits (e.g. 101)' });
    expect(parseMunicipalityCode('411')).toEqual({ ok: false, reason: 'is not a Danish municipality code' });
    expect(parseMunicipalityCode(101)).toEqual({ ok: false, reason: 'must be a string' });
  });
});
