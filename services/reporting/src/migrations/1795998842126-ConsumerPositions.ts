import type { MigrationInterface, QueryRunner } from 'typeorm';

// Generated from the entities; review before committing.
export class ConsumerPositions1795998842126 implements MigrationInterface {
  name = 'ConsumerPositions1795998842126';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "reporting"."consumer_position" ("consumer" text NOT NULL, "topic" text NOT NULL, "partition" integer NOT NULL, "offset" bigint NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_e8fa61b64d6e85b4edb73f93985" PRIMARY KEY ("consumer", "topic", "partition"))',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "reporting"."consumer_position"');
  }
}
