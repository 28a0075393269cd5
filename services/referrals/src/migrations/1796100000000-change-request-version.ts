import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * ADR 0062: a change request carries a version (its ETag; If-Match on approve/reject). Existing rows start at 1,
 * decided ones at 2 (created, then decided), as if the column had always been there; then no default, like every
 * VersionColumn of the platform.
 */
export class ChangeRequestVersion1796100000000 implements MigrationInterface {
  name = 'ChangeRequestVersion1796100000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "referrals"."change_request" ADD "version" integer NOT NULL DEFAULT 1');
    await queryRunner.query(`UPDATE "referrals"."change_request" SET "version" = 2 WHERE "status" <> 'PENDING'`);
    await queryRunner.query('ALTER TABLE "referrals"."change_request" ALTER COLUMN "version" DROP DEFAULT');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "referrals"."change_request" DROP COLUMN "version"');
  }
}
