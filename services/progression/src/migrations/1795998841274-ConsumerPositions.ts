import type { MigrationInterface, QueryRunner } from 'typeorm';

// Generated from the entities; review before committing.
export class ConsumerPositions1795998841274 implements MigrationInterface {
  name = 'ConsumerPositions1795998841274';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "progression"."consumer_position" ("consumer" text NOT NULL, "topic" text NOT NULL, "partition" integer NOT NULL, "offset" bigint NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e8fa61b64d6e85b4edb73f93985" PRIMARY KEY ("consumer", "topic", "partition"))',
    );
    await queryRunner.query('ALTER TABLE "progression"."course" ADD "status_at" text');
    await queryRunner.query('ALTER TABLE "progression"."course" ADD "hours_per_week" double precision');
    await queryRunner.query('ALTER TABLE "progression"."course" ADD "planned_start" date');
    await queryRunner.query('ALTER TABLE "progression"."course" ADD "planned_end" date');
    await queryRunner.query('ALTER TABLE "progression"."course" ADD "plan_changed_at" text');
    await queryRunner.query('ALTER TABLE "progression"."course" ALTER COLUMN "municipality_code" DROP NOT NULL');
    await queryRunner.query('ALTER TABLE "progression"."course" ALTER COLUMN "provider_id" DROP NOT NULL');
    await queryRunner.query('ALTER TABLE "progression"."course" ALTER COLUMN "status" DROP NOT NULL');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE "progression"."course" ALTER COLUMN "status" SET NOT NULL');
    await queryRunner.query('ALTER TABLE "progression"."course" ALTER COLUMN "provider_id" SET NOT NULL');
    await queryRunner.query('ALTER TABLE "progression"."course" ALTER COLUMN "municipality_code" SET NOT NULL');
    await queryRunner.query('ALTER TABLE "progression"."course" DROP COLUMN "plan_changed_at"');
    await queryRunner.query('ALTER TABLE "progression"."course" DROP COLUMN "planned_end"');
    await queryRunner.query('ALTER TABLE "progression"."course" DROP COLUMN "planned_start"');
    await queryRunner.query('ALTER TABLE "progression"."course" DROP COLUMN "hours_per_week"');
    await queryRunner.query('ALTER TABLE "progression"."course" DROP COLUMN "status_at"');
    await queryRunner.query('DROP TABLE "progression"."consumer_position"');
  }
}
