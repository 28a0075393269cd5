// Breaking changes between two versions of the OpenAPI document, as a client generated from the old one sees them.
// Small on purpose (ADR 0060): no maintained npm tool checks OpenAPI 3.1 offline without downloading a binary.

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  allOf?: Schema[];
  [key: string]: unknown;
};
type Parameter = { name: string; in: string; required?: boolean; schema?: Schema; $ref?: string };
type Operation = {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Schema }> };
  responses?: Record<string, { content?: Record<string, { schema?: Schema }> }>;
};
export type Document = {
  paths?: Record<string, Record<string, unknown>>;
  components?: { schemas?: Record<string, Schema>; parameters?: Record<string, Parameter> };
};

const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

function resolve<T extends { $ref?: string }>(document: Document, node: T | undefined, depth = 0): T | undefined {
  if (!node?.$ref || depth > 20) return node;
  const [, , kind, name] = node.$ref.split('/');
  const target = (document.components as Record<string, Record<string, unknown>> | undefined)?.[kind]?.[name];
  return resolve(document, target as T | undefined, depth + 1);
}

const types = (schema: Schema | undefined): string[] =>
  schema?.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];

const jsonSchema = (content: Record<string, { schema?: Schema }> | undefined): Schema | undefined =>
  content?.['application/json']?.schema;

/** What the server sends: a property or type a client relies on must not go away. */
function compareResponse(
  oldDoc: Document,
  newDoc: Document,
  oldNode: Schema | undefined,
  newNode: Schema | undefined,
  at: string,
  out: string[],
  seen = new Set<string>(),
): void {
  const key = `${oldNode?.$ref ?? ''}>${newNode?.$ref ?? ''}@${at}`;
  if (seen.has(key) || seen.size > 2000) return;
  seen.add(key);
  const before = resolve(oldDoc, oldNode);
  const after = resolve(newDoc, newNode);
  if (!before) return;
  if (!after) return void out.push(`${at}: response schema removed`);
  const [t0, t1] = [types(before), types(after)];
  if (t0.length && t1.length && t1.some((t) => !t0.includes(t) && !(t === 'integer' && t0.includes('number')))) {
    out.push(`${at}: response type changed from ${t0.join('|')} to ${t1.join('|')}`);
  }
  for (const [name, property] of Object.entries(before.properties ?? {})) {
    const next = after.properties?.[name];
    if (!next) out.push(`${at}.${name}: response property removed`);
    else compareResponse(oldDoc, newDoc, property, next, `${at}.${name}`, out, seen);
  }
  if (before.items) compareResponse(oldDoc, newDoc, before.items, after.items, `${at}[]`, out, seen);
}

/** What the client sends: nothing it may send today may be refused tomorrow. */
function compareRequest(
  oldDoc: Document,
  newDoc: Document,
  oldNode: Schema | undefined,
  newNode: Schema | undefined,
  at: string,
  out: string[],
  seen = new Set<string>(),
): void {
  const key = `${oldNode?.$ref ?? ''}>${newNode?.$ref ?? ''}@${at}`;
  if (seen.has(key) || seen.size > 2000) return;
  seen.add(key);
  const before = resolve(oldDoc, oldNode);
  const after = resolve(newDoc, newNode);
  if (!after) return;
  if (!before) return void out.push(`${at}: request schema added`);
  const [t0, t1] = [types(before), types(after)];
  if (t0.length && t1.length && t0.some((t) => !t1.includes(t) && !(t === 'integer' && t1.includes('number')))) {
    out.push(`${at}: type narrowed from ${t0.join('|')} to ${t1.join('|')}`);
  }
  if (before.enum && after.enum) {
    const removed = before.enum.filter((value) => !after.enum!.includes(value));
    if (removed.length) out.push(`${at}: enum value(s) removed: ${removed.map(String).join(', ')}`);
  } else if (!before.enum && after.enum) out.push(`${at}: values restricted to an enum`);
  for (const name of after.required ?? []) {
    if (!(before.required ?? []).includes(name)) out.push(`${at}.${name}: new required request property`);
  }
  for (const [name, property] of Object.entries(after.properties ?? {})) {
    const previous = before.properties?.[name];
    if (previous) compareRequest(oldDoc, newDoc, previous, property, `${at}.${name}`, out, seen);
  }
  if (before.items && after.items) compareRequest(oldDoc, newDoc, before.items, after.items, `${at}[]`, out, seen);
}

/** Every breaking change from `oldDoc` to `newDoc`; empty when a client of the old document keeps working. */
export function breakingChanges(oldDoc: Document, newDoc: Document): string[] {
  const out: string[] = [];
  for (const [path, oldItem] of Object.entries(oldDoc.paths ?? {})) {
    const newItem = newDoc.paths?.[path];
    if (!newItem) {
      out.push(`${path}: path removed`);
      continue;
    }
    for (const method of METHODS) {
      const before = oldItem[method] as Operation | undefined;
      const after = newItem[method] as Operation | undefined;
      if (!before) continue;
      const op = `${method.toUpperCase()} ${path}`;
      if (!after) {
        out.push(`${op}: operation removed`);
        continue;
      }
      const params = (doc: Document, operation: Operation) =>
        (operation.parameters ?? []).map((p) => resolve(doc, p)!).filter(Boolean);
      const oldParams = params(oldDoc, before);
      for (const parameter of params(newDoc, after)) {
        const previous = oldParams.find((p) => p.name === parameter.name && p.in === parameter.in);
        const where = `${op} ${parameter.in} parameter ${parameter.name}`;
        if (parameter.required && !previous?.required) out.push(`${where}: new required parameter`);
        if (previous) compareRequest(oldDoc, newDoc, previous.schema, parameter.schema, where, out);
      }
      if (after.requestBody?.required && !before.requestBody?.required) out.push(`${op}: request body now required`);
      compareRequest(
        oldDoc,
        newDoc,
        jsonSchema(before.requestBody?.content),
        jsonSchema(after.requestBody?.content),
        `${op} body`,
        out,
      );
      for (const [status, response] of Object.entries(before.responses ?? {})) {
        if (!status.startsWith('2')) continue;
        const next = after.responses?.[status];
        if (!next) {
          out.push(`${op}: response ${status} removed`);
          continue;
        }
        compareResponse(oldDoc, newDoc, jsonSchema(response.content), jsonSchema(next.content), `${op} ${status}`, out);
      }
    }
  }
  return out;
}
