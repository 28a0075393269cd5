import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getMetadataStorage } from 'class-validator';
import { ALL_TOPICS, EVENT_TOPICS } from '@platform/contracts';
import { parseAllDocuments } from 'yaml';

/**
 * What the deployment artefacts must agree with, read from the code: the services of tools/services.json and the
 * environment variables their config classes validate at start-up, the Kafka topics of libs/contracts.
 */
export const ROOT = join(__dirname, '..', '..');

/** Variables that hold keys or credentials: Kubernetes takes them from a Secret, never from the ConfigMap. */
export const SECRET_VARS = [
  'AUTH_JWT_SECRET',
  'CPR_ENCRYPTION_KEYS',
  'REPLAY_ENCRYPTION_KEYS',
  'PSEUDONYM_KEY',
  'REPORTING_EXPORT_KEY',
  'DATABASE_URL',
];

/**

 * Read outside the config classes: LOG_LEVEL by libs/observability, HOST by main.ts (set in the image), the
 * OpenTelemetry settings by libs/observability/src/tracing.ts before anything else loads (ADR 0076); NODE_OPTIONS
 * by Node and MALLOC_ARENA_MAX by glibc, the memory settings of tools/services.json (ADR 0074).
 */
export const EXTRA_VARS = [
  'LOG_LEVEL',
  'OTEL_EXPORTER_OTLP_ENDPOINT',
  'OTEL_TRACES_SAMPLER_ARG',
  'NODE_OPTIONS',
  'MALLOC_ARENA_MAX',
];

/** A service's memory settings in tools/services.json: its container limit and the environment that caps it. */
export interface Memory {
  containerMi: number;
  env: { NODE_OPTIONS: string; MALLOC_ARENA_MAX: string };
}

/** The V8 heap a service may reach, in MiB: the old space cap plus the young generation (3 semi-spaces). */
export function heapCapMi(memory: Memory): number {
  const flag = (name: string) => Number(new RegExp(`--${name}=(\\d+)`).exec(memory.env.NODE_OPTIONS)?.[1] ?? NaN);
  return flag('max-old-space-size') + 3 * flag('max-semi-space-size');
}

export { ALL_TOPICS, EVENT_TOPICS };

export interface Service {
  name: string;
  portVar: string;
  /** The variable of the internal /metrics port (ADR 0075). */
  metricsPortVar: string;
  database: boolean;
  memory: Memory;
  /** Every variable the config class validates, plus DATABASE_URL for a service with a database. */
  reads: string[];
  /** The subset a deployment must set: all but the optional ones without a default (e.g. AUTH_JWKS_URL). */
  needs: string[];
}

type Class = new () => object;

const validationMetadata = (cls: unknown) =>
  typeof cls === 'function' ? getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false) : [];

/** The class-validator class a service's config.ts exports (e.g. ReferralsConfig). */
function configClass(name: string): Class {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const exported: Record<string, unknown> = require(join(ROOT, 'services', name, 'src', 'config.ts'));
  const classes = Object.values(exported).filter((value) => validationMetadata(value).length > 0);
  if (classes.length !== 1) throw new Error(`services/${name}/src/config.ts must export one config class`);
  return classes[0] as Class;
}

export function services(): Service[] {
  const list: { name: string; portVar: string; metricsPortVar: string; database: boolean; memory: Memory }[] =
    JSON.parse(readFileSync(join(ROOT, 'tools', 'services.json'), 'utf8'));
  return list.map((service) => {
    const cls = configClass(service.name);
    const metadata = validationMetadata(cls);
    const defaults = new cls() as Record<string, unknown>;
    const validated = [...new Set(metadata.map((m) => m.propertyName))];
    const optional = (key: string) =>
      defaults[key] === undefined && metadata.some((m) => m.propertyName === key && m.name === 'isOptional');
    const reads = [...new Set([...validated, ...(service.database ? ['DATABASE_URL'] : [])])];
    const needs = reads.filter((key) => !optional(key) || (key === 'DATABASE_URL' && service.database));
    return { ...service, reads, needs };
  });
}

export const readText = (path: string): string => readFileSync(join(ROOT, path), 'utf8');

/** A parsed manifest: checked field by field by the tests, validated against the Kubernetes schemas. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Manifest = Record<string, any>;

/** Every YAML document of a file or of kubectl's output, parsed (merge keys resolved); empty documents dropped. */
export function parseYaml(text: string): Manifest[] {
  return parseAllDocuments(text, { merge: true })
    .map((doc) => {
      if (doc.errors.length > 0) throw doc.errors[0];
      return doc.toJS();
    })
    .filter((doc) => doc != null);
}
