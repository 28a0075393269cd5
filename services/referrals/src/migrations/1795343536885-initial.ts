import type { MigrationInterface, QueryRunner } from 'typeorm';

// Generated from the entities; review before committing.
export class Initial1795343536885 implements MigrationInterface {
  name = 'Initial1795343536885';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "referrals"."offer" ("id" uuid NOT NULL, "provider_id" text NOT NULL, "package_type" text NOT NULL, "name" text NOT NULL, "tender_area" text, "target_groups" text array NOT NULL, "weekly_hours" double precision, "max_weeks" integer, "answer_within_working_days" integer, "start_within_working_days" integer, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_57c6ae1abe49201919ef68de900" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "IDX_a6542b955fd3ca21641ed6f83c" ON "referrals"."offer"  ("provider_id") ');
    await queryRunner.query(
      'CREATE TABLE "referrals"."provider" ("id" text NOT NULL, "name" text NOT NULL, "municipalities" text array NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_6ab2f66d8987bf1bfdd6136a2d5" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "referrals"."idempotency_key" ("scope" text NOT NULL, "key" text NOT NULL, "request_hash" text NOT NULL, "state" text NOT NULL, "response_status" integer, "response_body" jsonb, "location" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2738e797ef2c60d9a902bad976a" PRIMARY KEY ("scope", "key"))',
    );
    await queryRunner.query(
      'CREATE TABLE "referrals"."outbox" ("seq" BIGSERIAL NOT NULL, "event_id" uuid NOT NULL, "topic" text NOT NULL, "key" text NOT NULL, "type" text NOT NULL, "payload" bytea NOT NULL, "headers" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_cc0c9e40998e45ecfc5e313429d" UNIQUE ("event_id"), CONSTRAINT "PK_acf0725c6a7245b71c651964ee4" PRIMARY KEY ("seq"))',
    );
    await queryRunner.query('CREATE INDEX "outbox_unsent" ON "referrals"."outbox"  ("seq") WHERE sent_at IS NULL');
    await queryRunner.query(
      'CREATE TABLE "referrals"."processed_event" ("event_id" uuid NOT NULL, "consumer" text NOT NULL, "processed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_df88f54e67ec5c5caece922a498" PRIMARY KEY ("event_id", "consumer"))',
    );
    await queryRunner.query(
      'CREATE TABLE "referrals"."audit_log" ("id" BIGSERIAL NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_sub" text NOT NULL, "actor_role" text NOT NULL, "actor_org" text NOT NULL, "action" text NOT NULL, "resource_type" text NOT NULL, "resource_id" text NOT NULL, "request_id" text, CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))',
    );
    await queryRunner.query('CREATE INDEX "audit_log_by_resource" ON "referrals"."audit_log"  ("resource_id", "at") ');
    await queryRunner.query(
      'CREATE TABLE "referrals"."change_request" ("id" uuid NOT NULL, "referral_id" uuid NOT NULL, "kind" text NOT NULL, "status" text NOT NULL, "new_end_date" date, "hours_per_week" double precision, "reason" text, "proposed_by" text NOT NULL, "proposed_at" TIMESTAMP WITH TIME ZONE NOT NULL, "decided_by" text, "decided_at" TIMESTAMP WITH TIME ZONE, "decision_comment" text, CONSTRAINT "PK_75687d06f07daedcb0de54d75e6" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "change_request_by_referral" ON "referrals"."change_request"  ("referral_id", "proposed_at") ',
    );
    await queryRunner.query(
      'CREATE TABLE "referrals"."outcome" ("referral_id" uuid NOT NULL, "horizon" text NOT NULL, "status" text NOT NULL, "observed_at" date NOT NULL, "recorded_by" text NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_dccc71ce673d887c70390270b11" PRIMARY KEY ("referral_id", "horizon"))',
    );
    await queryRunner.query(
      'CREATE TABLE "referrals"."referral_history" ("id" BIGSERIAL NOT NULL, "referral_id" uuid NOT NULL, "action" text NOT NULL, "status" text NOT NULL, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "by_sub" text NOT NULL, "by_role" text NOT NULL, "by_name" text, "reason" text, "comment" text, "data" jsonb, CONSTRAINT "PK_a09e5fca033f189bd757a535e9f" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "referral_history_by_referral" ON "referrals"."referral_history"  ("referral_id", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "referrals"."referral" ("id" uuid NOT NULL, "external_ref" text NOT NULL, "municipality_code" text NOT NULL, "provider_id" text NOT NULL, "offer_id" uuid NOT NULL, "package_type" text NOT NULL, "citizen_sealed" text NOT NULL, "citizen_pseudonym" text NOT NULL, "interpreter_needed" boolean NOT NULL DEFAULT false, "caseworker" jsonb NOT NULL, "target_group" text NOT NULL, "purposes" text array NOT NULL, "focus_points" text array NOT NULL, "hours_per_week" double precision NOT NULL, "planned_start" date NOT NULL, "planned_weeks" integer NOT NULL, "planned_end" date NOT NULL, "status" text NOT NULL, "expected_start" date, "start_date" date, "paused_from" date, "end_date" date, "end_reason" text, "exit_status" text, "answer_due" date NOT NULL, "start_due" date NOT NULL, "answered_at" TIMESTAMP WITH TIME ZONE, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL, CONSTRAINT "PK_a2d3e935a6591168066defec5ad" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "IDX_72573012d3a01928f1f4b6df1a" ON "referrals"."referral"  ("citizen_pseudonym") ',
    );
    await queryRunner.query(
      'CREATE INDEX "referral_municipality_updated" ON "referrals"."referral"  ("municipality_code", "updated_at", "id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "referral_provider_updated" ON "referrals"."referral"  ("provider_id", "updated_at", "id") ',
    );
    await queryRunner.query(
      'CREATE UNIQUE INDEX "referral_external_ref_per_municipality" ON "referrals"."referral"  ("municipality_code", "external_ref") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "referrals"."referral_external_ref_per_municipality"');
    await queryRunner.query('DROP INDEX "referrals"."referral_provider_updated"');
    await queryRunner.query('DROP INDEX "referrals"."referral_municipality_updated"');
    await queryRunner.query('DROP INDEX "referrals"."IDX_72573012d3a01928f1f4b6df1a"');
    await queryRunner.query('DROP TABLE "referrals"."referral"');
    await queryRunner.query('DROP INDEX "referrals"."referral_history_by_referral"');
    await queryRunner.query('DROP TABLE "referrals"."referral_history"');
    await queryRunner.query('DROP TABLE "referrals"."outcome"');
    await queryRunner.query('DROP INDEX "referrals"."change_request_by_referral"');
    await queryRunner.query('DROP TABLE "referrals"."change_request"');
    await queryRunner.query('DROP INDEX "referrals"."audit_log_by_resource"');
    await queryRunner.query('DROP TABLE "referrals"."audit_log"');
    await queryRunner.query('DROP TABLE "referrals"."processed_event"');
    await queryRunner.query('DROP INDEX "referrals"."outbox_unsent"');
    await queryRunner.query('DROP TABLE "referrals"."outbox"');
    await queryRunner.query('DROP TABLE "referrals"."idempotency_key"');
    await queryRunner.query('DROP TABLE "referrals"."provider"');
    await queryRunner.query('DROP INDEX "referrals"."IDX_a6542b955fd3ca21641ed6f83c"');
    await queryRunner.query('DROP TABLE "referrals"."offer"');
  }
}
