import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';

/**
 * Inserts rows into several tables with one SQL statement (data-modifying CTEs): atomic like a transaction, but a
 * single round trip instead of BEGIN, one INSERT per table and COMMIT. For hot write paths; columns are taken from
 * the entity metadata, and properties left undefined get their column defaults. `returning` names a column of the
 * last row's table whose value is returned (e.g. the outbox row's generated `seq`).
 */
export async function insertTogether(
  manager: EntityManager,
  rows: ReadonlyArray<readonly [EntityTarget<ObjectLiteral>, ObjectLiteral]>,
  returning?: string,
): Promise<string[]> {
  const params: unknown[] = [];
  const inserts = rows.map(([target, values]) => {
    const metadata = manager.connection.getMetadata(target);
    const columns = metadata.columns.filter((column) => values[column.propertyName] !== undefined);
    const placeholders = columns.map((column) => {
      const value: unknown = values[column.propertyName];
      params.push(column.type === 'jsonb' && value !== null ? JSON.stringify(value) : value);
      return `$${params.length}`;
    });
    const names = columns.map((column) => `"${column.databaseName}"`).join(', ');
    return `INSERT INTO ${metadata.tablePath} (${names}) VALUES (${placeholders.join(', ')})`;
  });
  const last = inserts.pop();
  if (last === undefined) return [];
  const ctes = inserts.map((sql, i) => `w${i} AS (${sql})`);
  const statement =
    (ctes.length > 0 ? `WITH ${ctes.join(', ')} ${last}` : last) + (returning ? ` RETURNING "${returning}"` : '');
  const result: unknown = await manager.query(statement, params);
  if (!returning || !Array.isArray(result)) return [];
  return (result as Array<Record<string, unknown>>).map((row) => String(row[returning]));
}
