/**
 * The 98 Danish municipalities (kommuner) since the 2007 reform, with their official 3-digit municipality codes
 * (kommunekoder). A jobcenter is identified by its municipality's code (`101` = København, API.md's `org` claim).
 *
 * 411 Christiansø has a code in the registers but is not a municipality (the state administers it) and has no
 * jobcenter, so it is left out.
 */

export const Region = ['NORTH_JUTLAND', 'CENTRAL_JUTLAND', 'SOUTHERN_DENMARK', 'CAPITAL', 'ZEALAND'] as const;
export type Region = (typeof Region)[number];

export const RegionLabelDa: Readonly<Record<Region, string>> = {
  NORTH_JUTLAND: 'Region Nordjylland',
  CENTRAL_JUTLAND: 'Region Midtjylland',
  SOUTHERN_DENMARK: 'Region Syddanmark',
  CAPITAL: 'Region Hovedstaden',
  ZEALAND: 'Region Sjælland',
};

/** Names as Danmarks Statistik writes them, without "Kommune" ("Nordfyns", "Vesthimmerlands" are official forms). */
export const MUNICIPALITIES = [
  // Region Hovedstaden
  { code: '101', name: 'København', region: 'CAPITAL' },
  { code: '147', name: 'Frederiksberg', region: 'CAPITAL' },
  { code: '151', name: 'Ballerup', region: 'CAPITAL' },
  { code: '153', name: 'Brøndby', region: 'CAPITAL' },
  { code: '155', name: 'Dragør', region: 'CAPITAL' },
  { code: '157', name: 'Gentofte', region: 'CAPITAL' },
  { code: '159', name: 'Gladsaxe', region: 'CAPITAL' },
  { code: '161', name: 'Glostrup', region: 'CAPITAL' },
  { code: '163', name: 'Herlev', region: 'CAPITAL' },
  { code: '165', name: 'Albertslund', region: 'CAPITAL' },
  { code: '167', name: 'Hvidovre', region: 'CAPITAL' },
  { code: '169', name: 'Høje-Taastrup', region: 'CAPITAL' },
  { code: '173', name: 'Lyngby-Taarbæk', region: 'CAPITAL' },
  { code: '175', name: 'Rødovre', region: 'CAPITAL' },
  { code: '183', name: 'Ishøj', region: 'CAPITAL' },
  { code: '185', name: 'Tårnby', region: 'CAPITAL' },
  { code: '187', name: 'Vallensbæk', region: 'CAPITAL' },
  { code: '190', name: 'Furesø', region: 'CAPITAL' },
  { code: '201', name: 'Allerød', region: 'CAPITAL' },
  { code: '210', name: 'Fredensborg', region: 'CAPITAL' },
  { code: '217', name: 'Helsingør', region: 'CAPITAL' },
  { code: '219', name: 'Hillerød', region: 'CAPITAL' },
  { code: '223', name: 'Hørsholm', region: 'CAPITAL' },
  { code: '230', name: 'Rudersdal', region: 'CAPITAL' },
  { code: '240', name: 'Egedal', region: 'CAPITAL' },
  { code: '250', name: 'Frederikssund', region: 'CAPITAL' },
  { code: '260', name: 'Halsnæs', region: 'CAPITAL' },
  { code: '270', name: 'Gribskov', region: 'CAPITAL' },
  { code: '400', name: 'Bornholm', region: 'CAPITAL' },
  // Region Sjælland
  { code: '253', name: 'Greve', region: 'ZEALAND' },
  { code: '259', name: 'Køge', region: 'ZEALAND' },
  { code: '265', name: 'Roskilde', region: 'ZEALAND' },
  { code: '269', name: 'Solrød', region: 'ZEALAND' },
  { code: '306', name: 'Odsherred', region: 'ZEALAND' },
  { code: '316', name: 'Holbæk', region: 'ZEALAND' },
  { code: '320', name: 'Faxe', region: 'ZEALAND' },
  { code: '326', name: 'Kalundborg', region: 'ZEALAND' },
  { code: '329', name: 'Ringsted', region: 'ZEALAND' },
  { code: '330', name: 'Slagelse', region: 'ZEALAND' },
  { code: '336', name: 'Stevns', region: 'ZEALAND' },
  { code: '340', name: 'Sorø', region: 'ZEALAND' },
  { code: '350', name: 'Lejre', region: 'ZEALAND' },
  { code: '360', name: 'Lolland', region: 'ZEALAND' },
  { code: '370', name: 'Næstved', region: 'ZEALAND' },
  { code: '376', name: 'Guldborgsund', region: 'ZEALAND' },
  { code: '390', name: 'Vordingborg', region: 'ZEALAND' },
  // Region Syddanmark
  { code: '410', name: 'Middelfart', region: 'SOUTHERN_DENMARK' },
  { code: '420', name: 'Assens', region: 'SOUTHERN_DENMARK' },
  { code: '430', name: 'Faaborg-Midtfyn', region: 'SOUTHERN_DENMARK' },
  { code: '440', name: 'Kerteminde', region: 'SOUTHERN_DENMARK' },
  { code: '450', name: 'Nyborg', region: 'SOUTHERN_DENMARK' },
  { code: '461', name: 'Odense', region: 'SOUTHERN_DENMARK' },
  { code: '479', name: 'Svendborg', region: 'SOUTHERN_DENMARK' },
  { code: '480', name: 'Nordfyns', region: 'SOUTHERN_DENMARK' },
  { code: '482', name: 'Langeland', region: 'SOUTHERN_DENMARK' },
  { code: '492', name: 'Ærø', region: 'SOUTHERN_DENMARK' },
  { code: '510', name: 'Haderslev', region: 'SOUTHERN_DENMARK' },
  { code: '530', name: 'Billund', region: 'SOUTHERN_DENMARK' },
  { code: '540', name: 'Sønderborg', region: 'SOUTHERN_DENMARK' },
  { code: '550', name: 'Tønder', region: 'SOUTHERN_DENMARK' },
  { code: '561', name: 'Esbjerg', region: 'SOUTHERN_DENMARK' },
  { code: '563', name: 'Fanø', region: 'SOUTHERN_DENMARK' },
  { code: '573', name: 'Varde', region: 'SOUTHERN_DENMARK' },
  { code: '575', name: 'Vejen', region: 'SOUTHERN_DENMARK' },
  { code: '580', name: 'Aabenraa', region: 'SOUTHERN_DENMARK' },
  { code: '607', name: 'Fredericia', region: 'SOUTHERN_DENMARK' },
  { code: '621', name: 'Kolding', region: 'SOUTHERN_DENMARK' },
  { code: '630', name: 'Vejle', region: 'SOUTHERN_DENMARK' },
  // Region Midtjylland
  { code: '615', name: 'Horsens', region: 'CENTRAL_JUTLAND' },
  { code: '657', name: 'Herning', region: 'CENTRAL_JUTLAND' },
  { code: '661', name: 'Holstebro', region: 'CENTRAL_JUTLAND' },
  { code: '665', name: 'Lemvig', region: 'CENTRAL_JUTLAND' },
  { code: '671', name: 'Struer', region: 'CENTRAL_JUTLAND' },
  { code: '706', name: 'Syddjurs', region: 'CENTRAL_JUTLAND' },
  { code: '707', name: 'Norddjurs', region: 'CENTRAL_JUTLAND' },
  { code: '710', name: 'Favrskov', region: 'CENTRAL_JUTLAND' },
  { code: '727', name: 'Odder', region: 'CENTRAL_JUTLAND' },
  { code: '730', name: 'Randers', region: 'CENTRAL_JUTLAND' },
  { code: '740', name: 'Silkeborg', region: 'CENTRAL_JUTLAND' },
  { code: '741', name: 'Samsø', region: 'CENTRAL_JUTLAND' },
  { code: '746', name: 'Skanderborg', region: 'CENTRAL_JUTLAND' },
  { code: '751', name: 'Aarhus', region: 'CENTRAL_JUTLAND' },
  { code: '756', name: 'Ikast-Brande', region: 'CENTRAL_JUTLAND' },
  { code: '760', name: 'Ringkøbing-Skjern', region: 'CENTRAL_JUTLAND' },
  { code: '766', name: 'Hedensted', region: 'CENTRAL_JUTLAND' },
  { code: '779', name: 'Skive', region: 'CENTRAL_JUTLAND' },
  { code: '791', name: 'Viborg', region: 'CENTRAL_JUTLAND' },
  // Region Nordjylland
  { code: '773', name: 'Morsø', region: 'NORTH_JUTLAND' },
  { code: '787', name: 'Thisted', region: 'NORTH_JUTLAND' },
  { code: '810', name: 'Brønderslev', region: 'NORTH_JUTLAND' },
  { code: '813', name: 'Frederikshavn', region: 'NORTH_JUTLAND' },
  { code: '820', name: 'Vesthimmerlands', region: 'NORTH_JUTLAND' },
  { code: '825', name: 'Læsø', region: 'NORTH_JUTLAND' },
  { code: '840', name: 'Rebild', region: 'NORTH_JUTLAND' },
  { code: '846', name: 'Mariagerfjord', region: 'NORTH_JUTLAND' },
  { code: '849', name: 'Jammerbugt', region: 'NORTH_JUTLAND' },
  { code: '851', name: 'Aalborg', region: 'NORTH_JUTLAND' },
  { code: '860', name: 'Hjørring', region: 'NORTH_JUTLAND' },
] as const satisfies readonly { code: string; name: string; region: Region }[];

export type Municipality = (typeof MUNICIPALITIES)[number];
export type MunicipalityCode = Municipality['code'];

/** All codes in ascending order, e.g. for a GraphQL enum or a select list. */
export const MunicipalityCode: readonly MunicipalityCode[] = MUNICIPALITIES.map((m) => m.code).sort();

/** UPPER_SNAKE aliases, matching the plural-constant spelling used elsewhere (see codes.ts). */
export const REGIONS = Region;
export const MUNICIPALITY_CODES = MunicipalityCode;

const BY_CODE: ReadonlyMap<string, Municipality> = new Map(MUNICIPALITIES.map((m) => [m.code, m]));

/** Exactly the 3-digit form of API.md; use `parseMunicipalityCode` for the 4-digit form of other registers. */
export function isMunicipalityCode(value: unknown): value is MunicipalityCode {
  return typeof value === 'string' && BY_CODE.has(value);
}

export type MunicipalityCodeResult =
  { readonly ok: true; readonly value: MunicipalityCode } | { readonly ok: false; readonly reason: string };

/**
 * Accepts the 3-digit code and also the zero-padded 4-digit form (`0101`) that CPR and address registers use, so
 * data from those registers can be normalised at the boundary.
 */
export function parseMunicipalityCode(input: unknown): MunicipalityCodeResult {
  if (typeof input !== 'string') return { ok: false, reason: 'must be a string' };
  if (!/^0?\d{3}$/.test(input)) return { ok: false, reason: 'must be 3 digits (e.g. 101)' };
  const code = input.length === 4 ? input.slice(1) : input;
  return isMunicipalityCode(code)
    ? { ok: true, value: code }
    : { ok: false, reason: 'is not a Danish municipality code' };
}

export function municipalityName(code: MunicipalityCode): string;
export function municipalityName(code: string): string | undefined;
export function municipalityName(code: string): string | undefined {
  return BY_CODE.get(code)?.name;
}

export function municipalityRegion(code: MunicipalityCode): Region;
export function municipalityRegion(code: string): Region | undefined;
export function municipalityRegion(code: string): Region | undefined {
  return BY_CODE.get(code)?.region;
}
