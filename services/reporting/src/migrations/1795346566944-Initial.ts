import type { MigrationInterface, QueryRunner } from 'typeorm';

// Generated from the entities; review before committing.
export class Initial1795346566944 implements MigrationInterface {
  name = 'Initial1795346566944';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      'CREATE TABLE "reporting"."processed_event" ("event_id" uuid NOT NULL, "consumer" text NOT NULL, "processed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_df88f54e67ec5c5caece922a498" PRIMARY KEY ("event_id", "consumer"))',
    );
    await queryRunner.query(
      'CREATE TABLE "reporting"."course_fact" ("referral_id" uuid NOT NULL, "external_ref" text, "municipality_code" text, "provider_id" text, "offer_id" uuid, "package_type" text, "tender_area" text, "target_group" text, "purposes" text array, "hours_per_week" double precision, "planned_start" date, "planned_weeks" integer, "planned_end" date, "citizen_pseudonym" text, "received_at" TIMESTAMP WITH TIME ZONE, "received_date" date, "answer_due" date, "start_due" date, "accepted_at" TIMESTAMP WITH TIME ZONE, "rejected_at" TIMESTAMP WITH TIME ZONE, "reject_reason" text, "cancelled_at" TIMESTAMP WITH TIME ZONE, "cancel_reason" text, "start_date" date, "paused_since" date, "resumed_on" date, "pauses" integer NOT NULL DEFAULT \'0\', "resumes" integer NOT NULL DEFAULT \'0\', "end_date" date, "end_reason" text, "exit_status" text, "exit_status_3m" text, "exit_status_6m" text, "exit_status_12m" text, "placements" integer NOT NULL DEFAULT \'0\', "placements_internal" integer NOT NULL DEFAULT \'0\', "conversions_to_paid_hours" integer NOT NULL DEFAULT \'0\', "reports" integer NOT NULL DEFAULT \'0\', "level_sequences" integer array NOT NULL DEFAULT \'{}\', "levels" smallint array NOT NULL DEFAULT \'{}\', "first_level" smallint, "best_level" smallint, "last_level" smallint, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_5e8cd8e2a93543b174ba861d194" PRIMARY KEY ("referral_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "course_fact_provider_received" ON "reporting"."course_fact"  ("provider_id", "received_date") ',
    );
    await queryRunner.query(
      'CREATE INDEX "course_fact_municipality_received" ON "reporting"."course_fact"  ("municipality_code", "received_date") ',
    );
    await queryRunner.query(
      'CREATE TABLE "reporting"."measurement_fact" ("measurement_id" uuid NOT NULL, "referral_id" uuid NOT NULL, "scale_code" text NOT NULL, "scale_version" integer NOT NULL, "sequence" integer NOT NULL, "measured_date" date NOT NULL, "assessor" text NOT NULL, "level" double precision NOT NULL, "dimension_values" jsonb NOT NULL, "supersedes_id" uuid, "superseded" boolean NOT NULL DEFAULT false, CONSTRAINT "PK_65238886764709775b33b8daff6" PRIMARY KEY ("measurement_id"))',
    );
    await queryRunner.query(
      'CREATE INDEX "measurement_fact_supersedes" ON "reporting"."measurement_fact"  ("supersedes_id") ',
    );
    await queryRunner.query(
      'CREATE INDEX "measurement_fact_referral" ON "reporting"."measurement_fact"  ("referral_id", "sequence") ',
    );
    await queryRunner.query(
      'CREATE TABLE "reporting"."outcome_follow_up" ("referral_id" uuid NOT NULL, "horizon" text NOT NULL, "municipality_code" text, "provider_id" text, "due_date" date, "exit_status" text, "observed_date" date, CONSTRAINT "PK_78f9b40d105c1b47c34b0ce09fc" PRIMARY KEY ("referral_id", "horizon"))',
    );
    await queryRunner.query(
      'CREATE INDEX "outcome_follow_up_open_by_provider" ON "reporting"."outcome_follow_up"  ("provider_id", "due_date") WHERE exit_status IS NULL',
    );
    await queryRunner.query(
      'CREATE INDEX "outcome_follow_up_open_by_municipality" ON "reporting"."outcome_follow_up"  ("municipality_code", "due_date") WHERE exit_status IS NULL',
    );
    await queryRunner.query(
      'CREATE TABLE "reporting"."placement_fact" ("placement_id" uuid NOT NULL, "referral_id" uuid NOT NULL, "type" text, "internal" boolean, "start_date" date, "start_paid_hours" double precision, "hours_per_week" double precision, "max_paid_hours" double precision NOT NULL DEFAULT \'0\', "end_date" date, "end_reason" text, "follow_ups" integer NOT NULL DEFAULT \'0\', "attendance_pct_sum" double precision, "attendance_count" integer NOT NULL DEFAULT \'0\', CONSTRAINT "PK_0c4bf08276c56615c2187587b2d" PRIMARY KEY ("placement_id"))',
    );
    await queryRunner.query('CREATE INDEX "placement_fact_referral" ON "reporting"."placement_fact"  ("referral_id") ');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX "reporting"."placement_fact_referral"');
    await queryRunner.query('DROP TABLE "reporting"."placement_fact"');
    await queryRunner.query('DROP INDEX "reporting"."outcome_follow_up_open_by_municipality"');
    await queryRunner.query('DROP INDEX "reporting"."outcome_follow_up_open_by_provider"');
    await queryRunner.query('DROP TABLE "reporting"."outcome_follow_up"');
    await queryRunner.query('DROP INDEX "reporting"."measurement_fact_referral"');
    await queryRunner.query('DROP INDEX "reporting"."measurement_fact_supersedes"');
    await queryRunner.query('DROP TABLE "reporting"."measurement_fact"');
    await queryRunner.query('DROP INDEX "reporting"."course_fact_municipality_received"');
    await queryRunner.query('DROP INDEX "reporting"."course_fact_provider_received"');
    await queryRunner.query('DROP TABLE "reporting"."course_fact"');
    await queryRunner.query('DROP TABLE "reporting"."processed_event"');
  }
}
