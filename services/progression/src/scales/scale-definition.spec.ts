import { LADDER_12_V1, RESOURCE_PROFILE_12_V1 } from './built-in-scales';
import { checkDimensions, checkValues, singleDimension } from './scale-definition';

describe('scale definitions', () => {
  it('builds LADDER_12 v1 from the domain codes with Danish labels, levels 1 to 12', () => {
    const [step] = LADDER_12_V1.dimensions;
    expect(step.code).toBe('step');
    expect(step.levels.map((l) => l.value)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(step.levels[6]).toEqual({ value: 7, code: 'INTERNSHIP_UP_TO_10H', label: 'Praktik (op til 10 timer)' });
    expect(checkDimensions(LADDER_12_V1.dimensions)).toEqual([]);
  });

  it('has the ressourceprofil’s 12 elements, each rated 1 to 5', () => {
    expect(RESOURCE_PROFILE_12_V1.dimensions).toHaveLength(12);
    expect(RESOURCE_PROFILE_12_V1.dimensions.map((d) => d.label)).toEqual([
      'Uddannelse',
      'Arbejdsmarkedserfaring',
      'Interesser',
      'Sociale kompetencer',
      'Omstillingsevne',
      'Indlæringsevne',
      'Arbejdsrelevante ønsker',
      'Præstationsforventninger',
      'Arbejdsidentitet',
      'Bolig og økonomi',
      'Sociale netværk',
      'Helbred',
    ]);
    for (const d of RESOURCE_PROFILE_12_V1.dimensions) expect(d.levels.map((l) => l.value)).toEqual([1, 2, 3, 4, 5]);
    expect(checkDimensions(RESOURCE_PROFILE_12_V1.dimensions)).toEqual([]);
  });

  it('accepts values on the scale’s levels', () => {
    expect(checkValues(LADDER_12_V1, { step: 1 })).toEqual([]);
    expect(checkValues(LADDER_12_V1, { step: 12 })).toEqual([]);
    expect(checkValues(RESOURCE_PROFILE_12_V1, { health: 2, education: 5 })).toEqual([]);
  });

  it('refuses levels outside the scale, unknown dimensions and empty values, naming the field', () => {
    expect(checkValues(LADDER_12_V1, { step: 0 })).toEqual([
      { field: 'values.step', message: 'must be one of the levels of LADDER_12 v1 step (1 to 12)' },
    ]);
    expect(checkValues(LADDER_12_V1, { step: 13 })[0].field).toBe('values.step');
    expect(checkValues(LADDER_12_V1, { step: 2.5 })[0].field).toBe('values.step');
    expect(checkValues(RESOURCE_PROFILE_12_V1, { health: 6 })[0].message).toMatch(/1 to 5/);
    expect(checkValues(LADDER_12_V1, { stage: 3 })).toEqual([
      { field: 'values.stage', message: expect.stringMatching(/has no dimension stage/) },
    ]);
    expect(checkValues(LADDER_12_V1, {})).toEqual([
      { field: 'values', message: expect.stringMatching(/at least one/) },
    ]);
  });

  it('describes non-contiguous levels by listing them', () => {
    const scale = {
      ...LADDER_12_V1,
      dimensions: [{ code: 'x', label: 'X', levels: [1, 3, 5].map((v) => ({ value: v, code: `L${v}`, label: '' })) }],
    };
    expect(checkValues(scale, { x: 2 })[0].message).toMatch(/\(1, 3, 5\)/);
  });

  it('refuses new versions with duplicate dimensions, duplicate level codes or levels out of order', () => {
    const levels = (...values: number[]) => values.map((value) => ({ value, code: `L${value}`, label: `${value}` }));
    expect(
      checkDimensions([
        { code: 'a', label: 'A', levels: levels(1, 2) },
        { code: 'a', label: 'A again', levels: levels(1, 2) },
      ]),
    ).toEqual([{ field: 'dimensions[1].code', message: 'must be unique in the scale' }]);
    expect(checkDimensions([{ code: 'a', label: 'A', levels: levels(2, 1) }])).toEqual([
      { field: 'dimensions[0].levels[1].value', message: 'levels must be listed in ascending order of value' },
    ]);
    expect(
      checkDimensions([{ code: 'a', label: 'A', levels: [...levels(1), { value: 2, code: 'L1', label: 'x' }] }]),
    ).toEqual([{ field: 'dimensions[0].levels[1].code', message: 'must be unique in the dimension' }]);
  });

  it('knows the one dimension of a one-dimensional scale', () => {
    expect(singleDimension(LADDER_12_V1)).toBe('step');
    expect(singleDimension(RESOURCE_PROFILE_12_V1)).toBeUndefined();
  });
});
