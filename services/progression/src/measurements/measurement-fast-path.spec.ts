import 'reflect-metadata';
import fc from 'fast-check';
import { validateDto } from '@platform/http';
import { isWellFormedItem } from './measurement-fast-path';
import { BatchMeasurementItemDto } from './measurement.dto';

const valid = {
  referralId: '3f6c1c2e-8d2a-4f7e-9a51-2b7f0c4d9e10',
  scale: 'LADDER_12',
  scaleVersion: 1,
  measuredAt: '2026-12-15',
  values: { step: 7 },
  assessor: 'PROFESSIONAL',
  note: 'Møder stabilt',
  supersedes: '0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f',
};

const anyValue = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -2000, max: 2000 }),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.uuid(),
  fc.constantFrom('2026-02-30', '1999-12-31', '2026-12-15', 'LADDER_12', 'ladder', 'CITIZEN', 'x\u0000'),
  fc.dictionary(
    fc.constantFrom('step', 'health', 'Step', 'constructor', 'toString', 'a b'),
    fc.oneof(fc.integer(), fc.string()),
    {
      maxKeys: 3,
    },
  ),
  fc.array(fc.integer(), { maxLength: 2 }),
);

describe('measurement batch fast path', () => {
  it('recognises a well-formed item, with or without its optional fields', () => {
    expect(isWellFormedItem(valid)).toBe(true);
    const { scaleVersion: _v, note: _n, supersedes: _s, ...required } = valid;
    expect(isWellFormedItem(required)).toBe(true);
  });

  it('leaves an item with a lone surrogate in its note to the DTO (it was stored: issue 13)', () => {
    expect(isWellFormedItem({ ...valid, note: 'Tekst\ud800' })).toBe(false);
    expect(isWellFormedItem({ ...valid, note: '\udfffTekst' })).toBe(false);
  });

  it('never accepts an item the DTO refuses (generated mutations)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.dictionary(fc.constantFrom(...Object.keys(valid), 'extra', 'constructor'), anyValue, { maxKeys: 4 }),
        fc.boolean(),
        async (patch, drop) => {
          const item: Record<string, unknown> = { ...valid, ...patch };
          if (drop) delete item[Object.keys(patch)[0] ?? 'note'];
          for (const key of Object.keys(item)) if (item[key] === undefined) delete item[key];
          if (!isWellFormedItem(item)) return;
          await expect(validateDto(BatchMeasurementItemDto, structuredClone(item))).resolves.toBeDefined();
        },
      ),
      { numRuns: 500 },
    );
  });

  it('leaves odd but possibly valid shapes to the DTO', () => {
    expect(isWellFormedItem({ ...valid, values: Object.create({ step: 1 }) })).toBe(false);
    expect(isWellFormedItem({ ...valid, values: { constructor: 1 } })).toBe(false);
    expect(isWellFormedItem({ ...valid, note: 'a\u0000' })).toBe(false);
    expect(isWellFormedItem([valid])).toBe(false);
  });
});
