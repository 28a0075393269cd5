import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ADR 0050: the Idempotency-Key record commits with the change it guards, so there is no "in progress" state, and
 * the stored replay is sealed (AES-256-GCM) instead of plain JSON. Records in the old form are dropped: they held
 * personal data in clear, and a retry of such a key within its 24 h runs once more at worst.
 */
export class SealedIdempotencyReplays1795350000000 implements MigrationInterface {
  name = 'SealedIdempotencyReplays1795350000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DELETE FROM "referrals"."idempotency_key"');
    await queryRunner.query('ALTER TABLE "referrals"."idempotency_key" DROP COLUMN "state"');
    await queryRunner.query('ALTER TABLE "referrals"."idempotency_key" DROP COLUMN "response_body"');
    await queryRunner.query('ALTER TABLE "referrals"."idempotency_key" DROP COLUMN "location"');
    await queryRunner.query('ALTER TABLE "referrals"."idempotency_key" ADD "response_sealed" text NOT NULL');
    await queryRunner.query('ALTER TABLE "referrals"."idempotency_key" ALTER COLUMN "response_status" SET NOT NULL');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DELETE FROM "referrals"."idempotency_key"');
    await queryRunner.query('ALTER TABLE "referrals"."idempotency_key" ALTER COLUMN "response_status" DROP NOT NULL');
    await queryRunner.query('ALTER TABLE "referrals"."idempotency_key" DROP COLUMN "response_sealed"');
    await queryRunner.query('ALTER TABLE "referrals"."idempotency_key" ADD "location" text');
    await queryRunner.query('ALTER TABLE "referrals"."idempotency_key" ADD "response_body" jsonb');
    await queryRunner.query('ALTER TABLE "referrals"."idempotency_key" ADD "state" text NOT NULL');
  }
}
