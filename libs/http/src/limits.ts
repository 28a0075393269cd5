// Size and count limits, declared once per field with class-validator (`ArrayMaxSize`, `MaxLength`, `Length`) and
// read from its metadata twice: by the validation pipe, to refuse an over-long array or string before
// class-transformer builds an object for every element (ADR 0072), and by the OpenAPI document, so the contract
// states the same limits the service enforces.
import { getMetadataStorage } from 'class-validator';
import { defaultMetadataStorage } from 'class-transformer/cjs/storage';
import type { FieldError } from '@platform/domain-kernel';

/**
 * The longest array accepted anywhere in a body, declared or not: the largest documented batch (API.md: 1000
 * items). A backstop for arrays no DTO bounds (a free-form object); a DTO's own `ArrayMaxSize` is usually lower.
 */
export const MAX_ARRAY_ITEMS = 1000;

type Metadata = {
  type: string;
  name?: string;
  propertyName: string;
  constraints?: unknown[];
  each?: boolean;
};

/** What the pipe checks of one property before the body is transformed. */
type Bounds = {
  optional: boolean;
  maxItems?: number;
  maxLength?: number;
  /** The limit applies to each string of an array (`MaxLength(200, { each: true })`). */
  eachMaxLength?: number;
  nested?: () => unknown;
};

// Cached per class: the metadata never changes after the decorators ran.
const BOUNDS = new WeakMap<object, Map<string, Bounds>>();

function maxLengthOf(m: Metadata): number | undefined {
  if (m.name === 'maxLength') return Number(m.constraints?.[0]);
  if (m.name === 'isLength' && m.constraints?.[1] !== undefined) return Number(m.constraints[1]);
  return undefined;
}

function boundsOf(cls: object): Map<string, Bounds> {
  const cached = BOUNDS.get(cls);
  if (cached) return cached;
  const metadatas = getMetadataStorage().getTargetValidationMetadatas(
    cls as new () => object,
    '',
    true,
    false,
  ) as Metadata[];
  const bounds = new Map<string, Bounds>();
  const of = (property: string): Bounds => {
    let b = bounds.get(property);
    if (!b) {
      const type = defaultMetadataStorage.findTypeMetadata(cls as new () => object, property);
      b = { optional: false, ...(type ? { nested: () => type.typeFunction() } : {}) };
      bounds.set(property, b);
    }
    return b;
  };
  for (const m of metadatas) {
    const b = of(m.propertyName);
    if (m.name === 'isOptional') b.optional = true;
    if (m.name === 'arrayMaxSize') b.maxItems = Number(m.constraints?.[0]);
    const length = maxLengthOf(m);
    if (length !== undefined) {
      if (m.each) b.eachMaxLength = length;
      else b.maxLength = length;
    }
  }
  BOUNDS.set(cls, bounds);
  return bounds;
}

const childPath = (parent: string, key: string | number) =>
  typeof key === 'number' ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Judges a plain body against the limits its DTO class declares, before class-transformer and class-validator
 * touch it: arrays longer than their `ArrayMaxSize` (or than MAX_ARRAY_ITEMS where none is declared) and strings
 * longer than their `MaxLength`, each reported with its field. Elements of a refused array are not looked at, so
 * the cost is bounded by the limits, not by what was sent.
 *
 * Also makes `null` in an optional property mean what its absence means (GraphQL sends null for a nullable
 * argument left out; REST clients send it too): the property is removed, in place.
 */
export function limitErrors(
  cls: unknown,
  value: unknown,
  parent = '',
  skip: ReadonlySet<string> = new Set(),
): FieldError[] {
  if (Array.isArray(value)) {
    if (value.length > MAX_ARRAY_ITEMS) return [tooMany(parent, MAX_ARRAY_ITEMS)];
    return value.flatMap((item, index) => limitErrors(cls, item, childPath(parent, index)));
  }
  if (!isObject(value)) return [];
  const bounds = typeof cls === 'function' ? boundsOf(cls) : new Map<string, Bounds>();
  const errors: FieldError[] = [];
  for (const [key, child] of Object.entries(value)) {
    if (skip.has(key)) {
      // Judged item by item later (ValidatedPerItem); only its own count here.
      const max = bounds.get(key)?.maxItems ?? MAX_ARRAY_ITEMS;
      if (Array.isArray(child) && child.length > max) errors.push(tooMany(key, max));
      continue;
    }
    const field = childPath(parent, key);
    const b = bounds.get(key);
    if (child === null && b?.optional) {
      delete value[key];
      continue;
    }
    if (Array.isArray(child)) {
      const max = b?.maxItems ?? MAX_ARRAY_ITEMS;
      if (child.length > max) {
        errors.push(tooMany(field, max));
        continue;
      }
      if (b?.eachMaxLength !== undefined) {
        const limit = b.eachMaxLength;
        child.forEach((item, index) => {
          if (typeof item === 'string' && item.length > limit) errors.push(tooLong(childPath(field, index), limit));
        });
      }
    } else if (typeof child === 'string' && b?.maxLength !== undefined && child.length > b.maxLength) {
      errors.push(tooLong(field, b.maxLength));
      continue;
    }
    errors.push(...limitErrors(b?.nested?.(), child, field));
  }
  return errors;
}

const tooMany = (field: string, max: number): FieldError => ({
  field,
  message: `must contain no more than ${max} elements`,
});
const tooLong = (field: string, max: number): FieldError => ({
  field,
  message: `must be shorter than or equal to ${max} characters`,
});

/** The swagger property metadata key of @nestjs/swagger (`DECORATORS.API_MODEL_PROPERTIES`). */
const API_MODEL_PROPERTIES = 'swagger/apiModelProperties';

type SchemaBounds = Partial<
  Record<'maxLength' | 'minLength' | 'maxItems' | 'minItems' | 'pattern' | 'minimum' | 'maximum', unknown>
>;

function schemaBoundsOf(m: Metadata): SchemaBounds {
  const c = m.constraints ?? [];
  switch (m.name) {
    case 'maxLength':
      return { maxLength: c[0] };
    case 'minLength':
      return { minLength: c[0] };
    case 'isLength':
      return { minLength: c[0], ...(c[1] !== undefined ? { maxLength: c[1] } : {}) };
    case 'arrayMaxSize':
      return { maxItems: c[0] };
    case 'arrayMinSize':
      return { minItems: c[0] };
    case 'matches':
      return { pattern: c[0] instanceof RegExp ? c[0].source : c[0] };
    case 'max':
      return { maximum: c[0] };
    case 'min':
      return { minimum: c[0] };
    default:
      return {};
  }
}

/**
 * Writes the limits of every class-validator rule into the @nestjs/swagger metadata of the same property (what the
 * property's own `@ApiProperty` says wins), so the OpenAPI document states the limits the pipe enforces. A rule on
 * each element of an array (`{ each: true }`) bounds the array's items. Idempotent; call before building a document.
 */
export function documentValidationBounds(): void {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<object, Metadata[]> };
  for (const [target, metadatas] of storage.validationMetadatas) {
    const prototype = (target as { prototype?: object }).prototype;
    if (!prototype) continue;
    for (const m of metadatas) {
      const bounds = schemaBoundsOf(m);
      if (Object.keys(bounds).length === 0) continue;
      const own = Reflect.getOwnMetadata(API_MODEL_PROPERTIES, prototype, m.propertyName) as
        Record<string, unknown> | undefined;
      if (!own) continue;
      if (m.each) {
        const items = (own.items as Record<string, unknown> | undefined) ?? {};
        const type = own.type === String || own.type === 'string' ? 'string' : undefined;
        if (!type && !own.items) continue;
        own.items = { ...(type ? { type } : {}), ...bounds, ...items };
        if (type) {
          own.type = 'array';
          delete own.isArray;
        }
      } else {
        for (const [key, bound] of Object.entries(bounds)) if (!(key in own)) own[key] = bound;
      }
    }
  }
}
