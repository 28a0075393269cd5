import type { MigrationInterface, QueryRunner } from 'typeorm';

// Written by hand: TypeORM cannot generate INCLUDE. The entity marks these indexes `synchronize: false`.
const KPI_COLUMNS = [
  'offer_id',
  'target_group',
  'accepted_at',
  'rejected_at',
  'start_date',
  'end_date',
  'cancelled_at',
  'answer_due',
  'start_due',
  'exit_status',
  'exit_status_3m',
  'exit_status_6m',
  'exit_status_12m',
  'placements',
  'placements_internal',
  'conversions_to_paid_hours',
  'first_level',
  'best_level',
  'last_level',
  'level_sequences',
  'levels',
].map((c) => `"${c}"`);

export class CoveringIndexes1795348000000 implements MigrationInterface {
  name = 'CoveringIndexes1795348000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "reporting"."course_fact_municipality_received"');
    await queryRunner.query('DROP INDEX "reporting"."course_fact_provider_received"');
    await queryRunner.query(
      `CREATE INDEX "course_fact_municipality_received" ON "reporting"."course_fact" ("municipality_code", "received_date") INCLUDE ("provider_id", ${KPI_COLUMNS.join(', ')})`,
    );
    await queryRunner.query(
      `CREATE INDEX "course_fact_provider_received" ON "reporting"."course_fact" ("provider_id", "received_date") INCLUDE ("municipality_code", ${KPI_COLUMNS.join(', ')})`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "reporting"."course_fact_municipality_received"');
    await queryRunner.query('DROP INDEX "reporting"."course_fact_provider_received"');
    await queryRunner.query(
      'CREATE INDEX "course_fact_municipality_received" ON "reporting"."course_fact" ("municipality_code", "received_date")',
    );
    await queryRunner.query(
      'CREATE INDEX "course_fact_provider_received" ON "reporting"."course_fact" ("provider_id", "received_date")',
    );
  }
}
