import type { MigrationInterface, QueryRunner } from 'typeorm';

// Generated from the entities; review before committing.
export class Initial1795346366541 implements MigrationInterface {
  name = 'Initial1795346366541';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "progression"."idempotency_key" ("scope" text NOT NULL, "key" text NOT NULL, "request_hash" text NOT NULL, "state" text NOT NULL, "response_status" integer, "response_body" jsonb, "location" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2738e797ef2c60d9a902bad976a" PRIMARY KEY ("scope", "key"))',
    );
    await queryRunner.query(
      'CREATE TABLE "progression"."outbox" ("seq" BIGSERIAL NOT NULL, "event_id" uuid NOT NULL, "topic" text NOT NULL, "key" text NOT NULL, "type" text NOT NULL, "payload" bytea NOT NULL, "headers" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_cc0c9e40998e45ecfc5e313429d" UNIQUE ("event_id"), CONSTRAINT "PK_acf0725c6a7245b71c651964ee4" PRIMARY KEY ("seq"))',
    );
    await queryRunner.query('CREATE INDEX "outbox_unsent" ON "progression"."outbox"  ("seq") WHERE sent_at IS NULL');
    await queryRunner.query(
      'CREATE TABLE "progression"."processed_event" ("event_id" uuid NOT NULL, "consumer" text NOT NULL, "processed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_df88f54e67ec5c5caece922a498" PRIMARY KEY ("event_id", "consumer"))',
    );
    await queryRunner.query(
      'CREATE TABLE "progression"."course" ("referral_id" uuid NOT NULL, "municipality_code" text NOT NULL, "provider_id" text NOT NULL, "status" text NOT NULL, "start_date" date, "end_date" date, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_34d83e5b362ca8729f7c38f8ed8" PRIMARY KEY ("referral_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "progression"."measurement" ("id" uuid NOT NULL, "referral_id" uuid NOT NULL, "scale_code" text NOT NULL, "scale_version" integer NOT NULL, "sequence" integer NOT NULL, "assessor" text NOT NULL, "measured_at" date NOT NULL, "values" jsonb NOT NULL, "note" text, "supersedes_id" uuid, "superseded_by" uuid, "recorded_by" text NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_742ff3cc0dcbbd34533a9071dfd" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "measurement_effective_sequence" ON "progression"."measurement"  ("referral_id", "scale_code", "assessor", "sequence") WHERE superseded_by IS NULL',
    );
    await queryRunner.query(
      'CREATE INDEX "measurement_by_series" ON "progression"."measurement"  ("referral_id", "scale_code", "assessor", "sequence") ',
    );
    await queryRunner.query(
      'CREATE TABLE "progression"."measurement_series" ("referral_id" uuid NOT NULL, "scale_code" text NOT NULL, "assessor" text NOT NULL, "last_sequence" integer NOT NULL, "last_measured_at" date, CONSTRAINT "PK_d0ba0cd2fa0fd8391a72147c8fb" PRIMARY KEY ("referral_id", "scale_code", "assessor"))',
    );
    await queryRunner.query(
      'CREATE TABLE "progression"."report" ("id" uuid NOT NULL, "referral_id" uuid NOT NULL, "municipality_code" text NOT NULL, "provider_id" text NOT NULL, "kind" text NOT NULL, "period_from" date, "period_to" date, "sections" jsonb NOT NULL, "citizen_disagrees" boolean NOT NULL, "citizen_comment" text, "submitted_by" text NOT NULL, "submitted_by_name" text, "submitted_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_99e4d0bea58cba73c57f935a546" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "report_by_referral" ON "progression"."report"  ("referral_id", "submitted_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "progression"."scale" ("code" text NOT NULL, "version" integer NOT NULL, "name" text NOT NULL, "dimensions" jsonb NOT NULL, "published_by" text NOT NULL, "published_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_41465bc909e023dae125fc60868" PRIMARY KEY ("code", "version"))',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "progression"."scale"');
    await queryRunner.query('DROP INDEX "progression"."report_by_referral"');
    await queryRunner.query('DROP TABLE "progression"."report"');
    await queryRunner.query('DROP TABLE "progression"."measurement_series"');
    await queryRunner.query('DROP INDEX "progression"."measurement_by_series"');
    await queryRunner.query('DROP INDEX "progression"."measurement_effective_sequence"');
    await queryRunner.query('DROP TABLE "progression"."measurement"');
    await queryRunner.query('DROP TABLE "progression"."course"');
    await queryRunner.query('DROP TABLE "progression"."processed_event"');
    await queryRunner.query('DROP INDEX "progression"."outbox_unsent"');
    await queryRunner.query('DROP TABLE "progression"."outbox"');
    await queryRunner.query('DROP TABLE "progression"."idempotency_key"');
  }
}
