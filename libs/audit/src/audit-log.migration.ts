import type { QueryRunner } from 'typeorm';

/**
 * Brings a service's `audit_log` of the earlier shape (one `resource_id`, no operation) to the one shape of
 * AuditRecord, keeping the rows already written. Each service calls it from its own migration with its schema.
 */
export async function upgradeAuditLog(queryRunner: QueryRunner, schema: string): Promise<void> {
  const table = `"${schema}"."audit_log"`;
  await queryRunner.query(`DROP INDEX "${schema}"."audit_log_by_resource"`);
  await queryRunner.query(`ALTER TABLE ${table} ADD "actor_name" text`);
  await queryRunner.query(`ALTER TABLE ${table} ADD "resource_ids" text array`);
  await queryRunner.query(`ALTER TABLE ${table} ADD "referral_id" uuid`);
  await queryRunner.query(`ALTER TABLE ${table} ADD "operation" text`);
  await queryRunner.query(`UPDATE ${table} SET "resource_ids" = ARRAY["resource_id"], "operation" = 'unknown'`);
  await queryRunner.query(`ALTER TABLE ${table} ALTER COLUMN "resource_ids" SET NOT NULL`);
  await queryRunner.query(`ALTER TABLE ${table} ALTER COLUMN "operation" SET NOT NULL`);
  await queryRunner.query(`ALTER TABLE ${table} DROP COLUMN "resource_id"`);
  await queryRunner.query(`CREATE INDEX "audit_log_by_referral" ON ${table} ("referral_id", "at") `);
}

export async function downgradeAuditLog(queryRunner: QueryRunner, schema: string): Promise<void> {
  const table = `"${schema}"."audit_log"`;
  await queryRunner.query(`DROP INDEX "${schema}"."audit_log_by_referral"`);
  await queryRunner.query(`ALTER TABLE ${table} ADD "resource_id" text`);
  await queryRunner.query(`UPDATE ${table} SET "resource_id" = "resource_ids"[1]`);
  await queryRunner.query(`ALTER TABLE ${table} ALTER COLUMN "resource_id" SET NOT NULL`);
  for (const column of ['operation', 'referral_id', 'resource_ids', 'actor_name']) {
    await queryRunner.query(`ALTER TABLE ${table} DROP COLUMN "${column}"`);
  }
  await queryRunner.query(`CREATE INDEX "audit_log_by_resource" ON ${table} ("resource_id", "at") `);
}
