import type { MigrationInterface, QueryRunner } from 'typeorm';

// Generated from the entities; review before committing.
export class AuditLog1795348273536 implements MigrationInterface {
  name = 'AuditLog1795348273536';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "progression"."audit_log" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_sub" text NOT NULL, "actor_role" text NOT NULL, "actor_org" text NOT NULL, "action" text NOT NULL, "resource_type" text NOT NULL, "resource_id" text NOT NULL, "request_id" text, CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "audit_log_by_resource" ON "progression"."audit_log"  ("resource_id", "at") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "progression"."audit_log_by_resource"');
    await queryRunner.query('DROP TABLE "progression"."audit_log"');
  }
}
