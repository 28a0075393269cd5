import { ValidationPipe, type ArgumentMetadata, type ValidationError } from '@nestjs/common';
import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate } from 'class-validator';
import { DomainError, type FieldError } from '@platform/domain-kernel';
import { limitErrors } from './limits';

/** Flattens class-validator's tree into `field.path: message` pairs (`citizen.cpr`, `items[3].hoursPerWeek`). */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = /^\d+$/.test(error.property)
      ? `${parent}[${error.property}]`
      : parent
        ? `${parent}.${error.property}`
        : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

export const validationFailed = (errors: FieldError[]): DomainError =>
  new DomainError(
    'VALIDATION_FAILED',
    errors.length !== 1
      ? `${errors.length} fields are invalid`
      : errors[0].field
        ? `${errors[0].field}: ${errors[0].message}`
        : errors[0].message,
    { errors },
  );

/** Deepest JSON nesting accepted in a body. Real bodies nest a few levels; far deeper ones overflow the stack. */
export const MAX_BODY_DEPTH = 32;

/** Whether a parsed JSON value nests deeper than `max` objects/arrays. Iterative, so it cannot overflow itself. */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= max) return true;
    for (const child of Object.values(current)) stack.push([child, depth + 1]);
  }
  return false;
}

/** The refusal of a body nested deeper than MAX_BODY_DEPTH, for the body as a whole (`field: ""`), wherever judged. */
export const bodyTooDeep = (): DomainError =>
  validationFailed([{ field: '', message: `the body must not nest deeper than ${MAX_BODY_DEPTH} levels` }]);

/**
 * Whether JSON text nests deeper than `max` objects/arrays, judged on the text BEFORE it is parsed: V8's JSON.parse
 * needs most of a second for a 2 MB body of nested brackets, time the process's only thread cannot serve anyone else.
 * One linear pass over the bytes; strings (and escaped quotes in them) are skipped.
 */
export function jsonTextNestsDeeperThan(text: Buffer | string, max: number): boolean {
  const bytes = typeof text === 'string' ? Buffer.from(text) : text;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i += 1) {
    const byte = bytes[i];
    if (inString) {
      if (byte === 0x5c) i += 1;
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x5b || byte === 0x7b) {
      depth += 1;
      if (depth > max) return true;
    } else if (byte === 0x5d || byte === 0x7d) depth -= 1;
  }
  return false;
}

const NUL = '\u0000';
// Same spelling as `fieldErrors`: `items[3].citizen.cpr`.
const childPath = (parent: string, key: string | number) =>
  typeof key === 'number' || /^\d+$/.test(key) ? `${parent}[${key}]` : parent ? `${parent}.${key}` : key;

/**
 * What class-validator cannot see: a U+0000 in a string (PostgreSQL text and jsonb refuse it, so it would end in a
 * 500), and keys named like `Object.prototype` members (`constructor`, `toString`, …), which class-transformer drops
 * silently instead of letting `forbidNonWhitelisted` refuse them.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/u;
/** Keys with a meaning to JavaScript objects that no DTO has (`__proto__` and `constructor` are on Object.prototype). */
const RESERVED_KEYS: ReadonlySet<string> = new Set(['prototype']);

export function unsafeValues(value: unknown, parent = '', skip: ReadonlySet<string> = new Set()): FieldError[] {
  if (typeof value === 'string') {
    if (value.includes(NUL)) return [{ field: parent, message: 'must not contain NUL characters (U+0000)' }];
    // A lone UTF-16 surrogate ("\ud800" in JSON) is no character: PostgreSQL cannot store it (it was a 500).
    return LONE_SURROGATE.test(value) ? [{ field: parent, message: 'must be well-formed Unicode text' }] : [];
  }
  if (typeof value !== 'object' || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((item, index) => unsafeValues(item, childPath(parent, index)));
  return Object.entries(value).flatMap(([key, child]) => {
    if (skip.has(key)) return [];
    const field = childPath(parent, key);
    if (key in Object.prototype || RESERVED_KEYS.has(key))
      return [{ field, message: `property ${key} should not exist` }];
    if (key.includes(NUL)) {
      return [{ field: parent, message: 'property names must not contain NUL characters (U+0000)' }];
    }
    return unsafeValues(child, field);
  });
}

const PER_ITEM = new WeakMap<object, Set<string>>();

/**
 * Marks a body property whose elements are judged one by one later (the items of a batch, see `validateDto`), so
 * that one bad item does not fail the whole request in the pipe.
 */
export function ValidatedPerItem(): PropertyDecorator {
  return (target, key) => {
    const keys = PER_ITEM.get(target.constructor) ?? new Set<string>();
    keys.add(String(key));
    PER_ITEM.set(target.constructor, keys);
  };
}

const OPTIONS = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
  transform: true,
  validationError: { target: false, value: false },
} as const;

/** The global pipe: unknown fields refused, types enforced, errors reported per field. */
const PRIMITIVE_TYPES: unknown[] = [String, Number, Boolean, Array, Object];
const isDtoClass = (metatype: unknown): boolean =>
  typeof metatype === 'function' && !PRIMITIVE_TYPES.includes(metatype);

export class StrictValidationPipe extends ValidationPipe {
  constructor() {
    super({ ...OPTIONS, exceptionFactory: (errors) => validationFailed(fieldErrors(errors)) });
  }

  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    // No body reads as an empty object, so required fields are reported one by one. A JSON body of null, a
    // number or an array is never a valid DTO; say so instead of crashing in transform.
    // GraphQL arguments arrive as 'body' too; a scalar argument (an id, a page size) has no DTO to check.
    if (metadata.type === 'body' && !isDtoClass(metadata.metatype)) return value;
    if (metadata.type === 'body' && value === undefined) value = {};
    if (metadata.type === 'body' && (typeof value !== 'object' || value === null || Array.isArray(value))) {
      throw validationFailed([{ field: '', message: 'the body must be a JSON object' }]);
    }
    if (metadata.type !== 'body') return super.transform(value, metadata);
    const perItem = (metadata.metatype && PER_ITEM.get(metadata.metatype)) ?? new Set<string>();
    // Counts and lengths first, before anything walks every element (100k logbook entries took seconds).
    const overLimit = limitErrors(metadata.metatype, value, '', perItem);
    if (overLimit.length > 0) throw validationFailed(overLimit);
    const unsafe = unsafeValues(value, '', perItem);
    if (unsafe.length > 0) throw validationFailed(unsafe);
    // Per-item properties reach the handler as sent: the pipe strips keys like `constructor` in place, and
    // `validateDto` must see them to refuse the item. A copy, therefore, taken first.
    const asSent = [...perItem].map((key) => [key, structuredClone((value as Record<string, unknown>)[key])] as const);
    const dto: unknown = await super.transform(value, metadata);
    for (const [key, items] of asSent) (dto as Record<string, unknown>)[key] = items;
    return dto;
  }
}

/** Validates one plain value against a DTO class outside the pipe (batch items are judged one by one). */
export async function validateDto<T extends object>(cls: ClassConstructor<T>, value: unknown): Promise<T> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw validationFailed([{ field: '', message: 'must be a JSON object' }]);
  }
  const overLimit = limitErrors(cls, value);
  if (overLimit.length > 0) throw validationFailed(overLimit);
  const unsafe = unsafeValues(value);
  if (unsafe.length > 0) throw validationFailed(unsafe);
  const instance = plainToInstance(cls, value);
  const errors = await validate(instance, OPTIONS);
  if (errors.length > 0) throw validationFailed(fieldErrors(errors));
  return instance;
}
