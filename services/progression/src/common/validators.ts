import { validationRule } from '@platform/http';
import { MAX_DIMENSIONS } from '../scales/scale-definition';

/** `{ "<dimension>": <integer level>, … }`: the shape of measurement values; the scale judges the content. */
export const IsLevelMap = validationRule(
  'isLevelMap',
  (value) =>
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length <= MAX_DIMENSIONS &&
    Object.entries(value as Record<string, unknown>).every(
      ([key, level]) =>
        /^[a-z][A-Za-z0-9]{0,49}$/.test(key) &&
        typeof level === 'number' &&
        Number.isInteger(level) &&
        Math.abs(level) <= 1000,
    ),
  '$property must be an object of dimension codes to integer levels, e.g. { "step": 7 }',
);
