import type { MigrationInterface, QueryRunner } from 'typeorm';

// Generated from the entities; review before committing.
export class Initial1795346304570 implements MigrationInterface {
  name = 'Initial1795346304570';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "placements"."idempotency_key" ("scope" text NOT NULL, "key" text NOT NULL, "request_hash" text NOT NULL, "state" text NOT NULL, "response_status" integer, "response_body" jsonb, "location" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_2738e797ef2c60d9a902bad976a" PRIMARY KEY ("scope", "key"))',
    );
    await queryRunner.query(
      'CREATE TABLE "placements"."outbox" ("seq" BIGSERIAL NOT NULL, "event_id" uuid NOT NULL, "topic" text NOT NULL, "key" text NOT NULL, "type" text NOT NULL, "payload" bytea NOT NULL, "headers" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "sent_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "UQ_cc0c9e40998e45ecfc5e313429d" UNIQUE ("event_id"), CONSTRAINT "PK_acf0725c6a7245b71c651964ee4" PRIMARY KEY ("seq"))',
    );
    await queryRunner.query('CREATE INDEX "outbox_unsent" ON "placements"."outbox"  ("seq") WHERE sent_at IS NULL');
    await queryRunner.query(
      'CREATE TABLE "placements"."processed_event" ("event_id" uuid NOT NULL, "consumer" text NOT NULL, "processed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_df88f54e67ec5c5caece922a498" PRIMARY KEY ("event_id", "consumer"))',
    );
    await queryRunner.query(
      'CREATE TABLE "placements"."course" ("referral_id" uuid NOT NULL, "municipality_code" text, "provider_id" text, "status" text, "status_at" text, "hours_per_week" double precision, "planned_start" date, "planned_end" date, "plan_changed_at" text, "start_date" date, "end_date" date, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_34d83e5b362ca8729f7c38f8ed8" PRIMARY KEY ("referral_id"))',
    );
    await queryRunner.query(
      'CREATE TABLE "placements"."follow_up" ("id" uuid NOT NULL, "placement_id" uuid NOT NULL, "date" date NOT NULL, "mode" text NOT NULL, "participants" text array NOT NULL, "attendance_pct" double precision, "effectiveness_pct" double precision, "observations" jsonb NOT NULL, "next_follow_up" date, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_by" text NOT NULL, CONSTRAINT "PK_5c0a5f5b32937e47e0ab09d596c" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "follow_up_by_placement" ON "placements"."follow_up"  ("placement_id", "date") ',
    );
    await queryRunner.query(
      'CREATE TABLE "placements"."logbook_entry" ("id" BIGSERIAL NOT NULL, "placement_id" uuid NOT NULL, "date" date NOT NULL, "hours_worked" double precision NOT NULL, "sick" boolean NOT NULL, "left_early" boolean NOT NULL, "left_early_reason" text, "tasks" text array NOT NULL, "breaks" text, "note" text, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_by" text NOT NULL, CONSTRAINT "PK_95f2dbd9680db94a7062c725871" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "logbook_by_placement" ON "placements"."logbook_entry"  ("placement_id", "date") ',
    );
    await queryRunner.query(
      'CREATE TABLE "placements"."placement_hours" ("id" BIGSERIAL NOT NULL, "placement_id" uuid NOT NULL, "kind" text NOT NULL, "effective_from" date NOT NULL, "hours_per_week" double precision NOT NULL, "paid_hours_per_week" double precision NOT NULL, "reason" text, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "recorded_by" text NOT NULL, CONSTRAINT "PK_b46e9f38e98309a901172412225" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "placement_hours_by_placement" ON "placements"."placement_hours"  ("placement_id", "effective_from", "id") ',
    );
    await queryRunner.query(
      'CREATE TABLE "placements"."placement" ("id" uuid NOT NULL, "referral_id" uuid NOT NULL, "provider_id" text NOT NULL, "municipality_code" text NOT NULL, "type" text NOT NULL, "initial_type" text NOT NULL, "internal" boolean NOT NULL, "employer_cvr" text NOT NULL, "employer_name" text NOT NULL, "employer_pnumber" text, "start_date" date NOT NULL, "planned_end_date" date, "agreement" jsonb NOT NULL, "end_date" date, "end_reason" text, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "created_by" text NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, "version" integer NOT NULL, CONSTRAINT "PK_4f8b29ee2db5213bcb38b6c71c4" PRIMARY KEY ("id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "placement_by_provider_active" ON "placements"."placement"  ("provider_id") WHERE end_date IS NULL',
    );
    await queryRunner.query(
      'CREATE INDEX "placement_by_referral" ON "placements"."placement"  ("referral_id", "start_date") ',
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "placements"."placement_by_referral"');
    await queryRunner.query('DROP INDEX "placements"."placement_by_provider_active"');
    await queryRunner.query('DROP TABLE "placements"."placement"');
    await queryRunner.query('DROP INDEX "placements"."placement_hours_by_placement"');
    await queryRunner.query('DROP TABLE "placements"."placement_hours"');
    await queryRunner.query('DROP INDEX "placements"."logbook_by_placement"');
    await queryRunner.query('DROP TABLE "placements"."logbook_entry"');
    await queryRunner.query('DROP INDEX "placements"."follow_up_by_placement"');
    await queryRunner.query('DROP TABLE "placements"."follow_up"');
    await queryRunner.query('DROP TABLE "placements"."course"');
    await queryRunner.query('DROP TABLE "placements"."processed_event"');
    await queryRunner.query('DROP INDEX "placements"."outbox_unsent"');
    await queryRunner.query('DROP TABLE "placements"."outbox"');
    await queryRunner.query('DROP TABLE "placements"."idempotency_key"');
  }
}
