// The OpenAPI contract gate (ADR 0060): the document the gateway serves is built from the services without any
// running process, linted with @redocly/cli (recommended, 0 errors and 0 warnings), compared with the checked-in
// snapshot contracts/openapi.json (`npm run contracts` rewrites it) and checked for breaking changes against the
// snapshot on main.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mergeOpenApi, type OpenApiDocument } from '../../services/gateway/src/rest-routes';
import { breakingChanges, type Document } from './openapi-breaking';
import { REST_SERVICES, serviceDocuments, type RestService } from './openapi-documents';

const ROOT = join(__dirname, '..', '..');
const SNAPSHOT = join(ROOT, 'contracts', 'openapi.json');

/** The typed client's types, generated from the snapshot with openapi-typescript's default settings. */
const CLIENT_TYPES = join(ROOT, 'packages', 'api-client', 'src', 'schema.ts');
const serialise = (document: unknown) => `${JSON.stringify(document, null, 2)}\n`;

let services: Record<RestService, OpenApiDocument>;
let merged: OpenApiDocument;

beforeAll(async () => {
  services = await serviceDocuments(ROOT);
  merged = mergeOpenApi(services);
  if (process.env.UPDATE_CONTRACTS) writeFileSync(SNAPSHOT, serialise(merged));
}, 60_000);

function lint(name: string, document: unknown): { errors: number; warnings: number; report: string } {
  const dir = mkdtempSync(join(tmpdir(), 'openapi-lint-'));
  const file = join(dir, `${name}.json`);
  writeFileSync(file, serialise(document));
  const redocly = join(ROOT, 'node_modules', '.bin', 'redocly');
  let report: string;
  try {
    report = execFileSync(redocly, ['lint', file, '--config', join(ROOT, 'redocly.yaml'), '--format', 'json'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  } catch (error) {
    report = String((error as { stdout?: string }).stdout ?? error);
  }
  const parsed = JSON.parse(report.slice(report.indexOf('{'))) as { totals: { errors: number; warnings: number } };
  return { ...parsed.totals, report };
}

describe('the OpenAPI contract', () => {
  it.each(['merged', ...REST_SERVICES])(
    '%s lints clean with the recommended ruleset',
    (name) => {
      const document = name === 'merged' ? merged : services[name as RestService];
      const { errors, warnings, report } = lint(name, document);
      expect({ errors, warnings, report: errors + warnings > 0 ? report : '' }).toEqual({
        errors: 0,
        warnings: 0,
        report: '',
      });
    },
    60_000,
  );

  it('equals the checked-in snapshot contracts/openapi.json (run `npm run contracts` after a change)', () => {
    expect(existsSync(SNAPSHOT)).toBe(true);
    expect(readFileSync(SNAPSHOT, 'utf8')).toBe(serialise(merged));
  });

  it('has the generated client types of the snapshot checked in (packages/api-client/src/schema.ts)', () => {
    const generated = join(mkdtempSync(join(tmpdir(), 'client-')), 'schema.ts');
    execFileSync(join(ROOT, 'node_modules', '.bin', 'openapi-typescript'), [SNAPSHOT, '-o', generated], {
      stdio: 'pipe',
    });
    const types = readFileSync(generated, 'utf8');
    if (process.env.UPDATE_CONTRACTS) writeFileSync(CLIENT_TYPES, types);
    expect(readFileSync(CLIENT_TYPES, 'utf8')).toBe(types);
  });

  it('has no breaking change against the snapshot on main (OPENAPI_BASELINE_REF, e.g. origin/main in CI)', () => {
    const ref = process.env.OPENAPI_BASELINE_REF ?? 'main';
    const git = (...args: string[]) =>
      execFileSync('git', args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    // An unknown ref is an error (as for the proto check), not a pass: in CI fetch it first.
    expect(() => git('rev-parse', '--verify', '--quiet', `${ref}^{commit}`)).not.toThrow();
    let previous: string;
    try {
      previous = git('show', `${ref}:contracts/openapi.json`);
    } catch {
      // The ref has no snapshot yet (the first one arrives with this gate): nothing released to break.
      return;
    }
    expect(breakingChanges(JSON.parse(previous) as Document, merged as Document)).toEqual([]);
  });

  it('names every operation for what it does and declares Idempotency-Key on every POST', () => {
    for (const [path, item] of Object.entries(merged.paths ?? {})) {
      for (const [method, operation] of Object.entries(item)) {
        const op = operation as { operationId?: string; parameters?: { $ref?: string }[] };
        expect(`${method} ${path} ${op.operationId}`).not.toMatch(/Controller_|undefined$/);
        if (method === 'post') {
          expect(op.parameters).toContainEqual({ $ref: '#/components/parameters/IdempotencyKey' });
        }
      }
    }
  });

  it('bounds every string and array a client sends: maxLength (or enum/format/pattern), maxItems, maxProperties (ADR 0072)', () => {
    expect(unboundedInputs(merged)).toEqual([]);
  });
});

type Schema = Record<string, unknown>;

/** Where a request body or parameter lets a client send a string, array or map of any size. */
function unboundedInputs(document: OpenApiDocument): string[] {
  const resolve = (node: unknown): Schema => {
    let schema = node as Schema;
    while (typeof schema?.$ref === 'string') {
      schema = schema.$ref
        .replace(/^#\//, '')
        .split('/')
        .reduce<Schema>((at, key) => at[key] as Schema, document as unknown as Schema);
    }
    return schema;
  };
  const found: string[] = [];
  const walk = (node: unknown, at: string, depth: number): void => {
    if (!node || depth > 20) return;
    const schema = resolve(node);
    for (const key of ['allOf', 'oneOf', 'anyOf']) {
      for (const part of (schema[key] as unknown[] | undefined) ?? []) walk(part, at, depth + 1);
    }
    const types = [schema.type].flat();
    const bounded = ['maxLength', 'enum', 'const', 'format', 'pattern'].some((key) => key in schema);
    if (types.includes('string') && !bounded) found.push(`${at}: string without maxLength`);
    if (types.includes('array')) {
      if (!('maxItems' in schema)) found.push(`${at}: array without maxItems`);
      walk(schema.items, `${at}[]`, depth + 1);
    }
    for (const [name, child] of Object.entries((schema.properties as Schema | undefined) ?? {})) {
      walk(child, `${at}.${name}`, depth + 1);
    }
    if (schema.additionalProperties && typeof schema.additionalProperties === 'object') {
      if (!('maxProperties' in schema)) found.push(`${at}: map without maxProperties`);
      walk(schema.additionalProperties, `${at}{}`, depth + 1);
    }
  };
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const [method, operation] of Object.entries(item)) {
      const op = operation as { parameters?: unknown[]; requestBody?: unknown } | undefined;
      if (!op || typeof op !== 'object') continue;
      for (const parameter of op.parameters ?? []) {
        const p = resolve(parameter) as { name?: string; schema?: unknown };
        walk(p.schema, `${method} ${path} ${p.name}`, 0);
      }
      const body = resolve(op.requestBody) as { content?: Record<string, { schema?: unknown }> } | undefined;
      for (const media of Object.values(body?.content ?? {})) walk(media.schema, `${method} ${path} body`, 0);
    }
  }
  return found;
}
