import type { FieldError } from '@platform/domain-kernel';

/**
 * A progression instrument (DOMAIN.md "Progression measurement"): versioned, with one or more dimensions, each with
 * ordered levels. A published version never changes; a change is a new version, and a measurement keeps the
 * version it was taken with. Plain data and pure functions, so the rules are unit-tested without infrastructure.
 */
export interface ScaleLevel {
  /** Position on the dimension, ascending: a higher value is further along. */
  value: number;
  code: string;
  label: string;
}

export interface ScaleDimension {
  code: string;
  label: string;
  levels: ScaleLevel[];
}

export interface ScaleDefinition {
  code: string;
  version: number;
  name: string;
  dimensions: ScaleDimension[];
}

export const SCALE_CODE = /^[A-Z][A-Z0-9_]{1,49}$/;
export const DIMENSION_CODE = /^[a-z][A-Za-z0-9]{0,49}$/;
export const LEVEL_CODE = /^[A-Z][A-Z0-9_]{0,59}$/;
export const MAX_DIMENSIONS = 30;
export const MAX_LEVELS = 20;

/**
 * Judges the values of a measurement against a scale: at least one dimension, only the scale's dimensions, and each
 * value one of that dimension's levels. A multi-dimensional scale may be measured on some dimensions only (a
 * jobcenter may ask for selected ressourceprofil elements); a one-dimensional scale therefore needs its dimension.
 */
export function checkValues(scale: ScaleDefinition, values: Record<string, unknown>, field = 'values'): FieldError[] {
  const errors: FieldError[] = [];
  const keys = Object.keys(values);
  if (keys.length === 0) {
    const dims = scale.dimensions.map((d) => d.code).join(', ');
    return [{ field, message: `must give a level for at least one dimension of ${scale.code} (${dims})` }];
  }
  for (const key of keys) {
    const dimension = scale.dimensions.find((d) => d.code === key);
    if (!dimension) {
      errors.push({
        field: `${field}.${key}`,
        message: `${scale.code} v${scale.version} has no dimension ${key} (dimensions: ${scale.dimensions.map((d) => d.code).join(', ')})`,
      });
      continue;
    }
    const value = values[key];
    if (!dimension.levels.some((level) => level.value === value)) {
      errors.push({ field: `${field}.${key}`, message: `must be one of the levels of ${describe(scale, dimension)}` });
    }
  }
  return errors;
}

function describe(scale: ScaleDefinition, dimension: ScaleDimension): string {
  const values = dimension.levels.map((l) => l.value);
  const contiguous = values.every((v, i) => i === 0 || v === values[i - 1] + 1);
  const range = contiguous ? `${values[0]} to ${values[values.length - 1]}` : values.join(', ');
  return `${scale.code} v${scale.version} ${dimension.code} (${range})`;
}

/** Rules for a new scale version: unique dimension codes, levels with unique codes and strictly ascending values. */
export function checkDimensions(dimensions: ScaleDimension[], field = 'dimensions'): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  dimensions.forEach((dimension, d) => {
    if (seen.has(dimension.code)) errors.push({ field: `${field}[${d}].code`, message: 'must be unique in the scale' });
    seen.add(dimension.code);
    const codes = new Set<string>();
    dimension.levels.forEach((level, l) => {
      const at = `${field}[${d}].levels[${l}]`;
      if (codes.has(level.code)) errors.push({ field: `${at}.code`, message: 'must be unique in the dimension' });
      codes.add(level.code);
      if (l > 0 && level.value <= dimension.levels[l - 1].value) {
        errors.push({ field: `${at}.value`, message: 'levels must be listed in ascending order of value' });
      }
    });
  });
  return errors;
}

/** The one dimension of a one-dimensional scale (LADDER_12's `step`); undefined for multi-dimensional scales. */
export function singleDimension(scale: Pick<ScaleDefinition, 'dimensions'>): string | undefined {
  return scale.dimensions.length === 1 ? scale.dimensions[0].code : undefined;
}
