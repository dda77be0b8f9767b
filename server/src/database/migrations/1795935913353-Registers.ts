import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Registers1795935913353 implements MigrationInterface {
  name = 'Registers1795935913353';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "record_links" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "committee_id" uuid NOT NULL, "from_id" uuid NOT NULL, "from_type" character varying(32) NOT NULL, "to_id" uuid NOT NULL, "to_type" character varying(32) NOT NULL, "classification" character varying(16) NOT NULL, "version" integer NOT NULL, "created_by_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_1c7a711887abc1f6daef7960946" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "record_links_to_idx" ON "record_links"  ("to_id") `);
    await runner.query(`CREATE INDEX "record_links_from_idx" ON "record_links"  ("from_id") `);
    await runner.query(`CREATE TABLE "agreements" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "committee_id" uuid NOT NULL, "classification" character varying(16) NOT NULL, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, "kind" character varying(8) NOT NULL, "title" character varying(300) NOT NULL, "country" character varying(2) NOT NULL, "status" character varying(24) NOT NULL, "signed_on" date, "expires_on" date, "bilateral_meeting_id" uuid, "created_by_id" uuid NOT NULL, CONSTRAINT "PK_01532f6c999d44c776e3d1fa4c8" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "agreements_committee_idx" ON "agreements"  ("committee_id", "country") `);
    await runner.query(`CREATE TABLE "bilateral_commitments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "committee_id" uuid NOT NULL, "classification" character varying(16) NOT NULL, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, "bilateral_meeting_id" uuid NOT NULL, "side" character varying(8) NOT NULL, "text" text NOT NULL, "due_date" date, "status" character varying(8) NOT NULL, CONSTRAINT "PK_cf2f88a25df792713de5a40bd47" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "bilateral_commitments_meeting_idx" ON "bilateral_commitments"  ("bilateral_meeting_id") `);
    await runner.query(`CREATE TABLE "bilateral_meetings" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "committee_id" uuid NOT NULL, "classification" character varying(16) NOT NULL, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, "country" character varying(2) NOT NULL, "counterpart" character varying(300) NOT NULL, "level" character varying(24) NOT NULL, "date" date NOT NULL, "place" character varying(300) NOT NULL DEFAULT '', "our_delegation" text NOT NULL DEFAULT '', "objectives" text NOT NULL DEFAULT '', "outcomes" text NOT NULL DEFAULT '', "field_classifications" jsonb NOT NULL DEFAULT '{}', "created_by_id" uuid NOT NULL, CONSTRAINT "PK_60d7bde8e22c44a1ff808fc402a" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "bilateral_meetings_committee_idx" ON "bilateral_meetings"  ("committee_id", "country") `);
    await runner.query(`CREATE TABLE "negotiations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "committee_id" uuid NOT NULL, "classification" character varying(16) NOT NULL, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, "title" character varying(300) NOT NULL, "counterpart" character varying(300) NOT NULL DEFAULT '', "kind" character varying(16) NOT NULL, "status" character varying(16) NOT NULL, "position" text NOT NULL DEFAULT '', "red_lines" text NOT NULL DEFAULT '', "fallback" text NOT NULL DEFAULT '', "concessions" text NOT NULL DEFAULT '', "field_classifications" jsonb NOT NULL DEFAULT '{}', "created_by_id" uuid NOT NULL, CONSTRAINT "PK_e6162623f2af0c4b2da55563413" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "negotiations_committee_idx" ON "negotiations"  ("committee_id") `);
    await runner.query(`CREATE TABLE "negotiation_rounds" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "committee_id" uuid NOT NULL, "classification" character varying(16) NOT NULL, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, "negotiation_id" uuid NOT NULL, "number" integer NOT NULL, "starts_on" date, "ends_on" date, "venue" character varying(300) NOT NULL DEFAULT '', "outcome" text NOT NULL DEFAULT '', "next_steps" text NOT NULL DEFAULT '', CONSTRAINT "PK_6ba572019f1bfe5eac0023d5db9" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "negotiation_rounds_negotiation_idx" ON "negotiation_rounds"  ("negotiation_id") `);
    await runner.query(`CREATE TABLE "rnd_milestones" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "committee_id" uuid NOT NULL, "classification" character varying(16) NOT NULL, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, "rnd_project_id" uuid NOT NULL, "title" character varying(300) NOT NULL, "gate_criteria" text NOT NULL DEFAULT '', "planned_on" date, "actual_on" date, "status" character varying(16) NOT NULL, CONSTRAINT "PK_0f1ba827b72d77af0e0a7b7040d" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "rnd_milestones_project_idx" ON "rnd_milestones"  ("rnd_project_id") `);
    await runner.query(`CREATE TABLE "rnd_projects" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "committee_id" uuid NOT NULL, "classification" character varying(16) NOT NULL, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "deleted_at" TIMESTAMP WITH TIME ZONE, "title" character varying(300) NOT NULL, "lead_institution" character varying(300) NOT NULL DEFAULT '', "partners" text array NOT NULL DEFAULT '{}', "funding_rm" double precision, "value_chain_stage" character varying(64), "trl_now" smallint NOT NULL, "trl_target" smallint NOT NULL, "notes" text NOT NULL DEFAULT '', "field_classifications" jsonb NOT NULL DEFAULT '{}', "created_by_id" uuid NOT NULL, CONSTRAINT "PK_926b0071ec33e36b84bcaff11ac" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "rnd_projects_committee_idx" ON "rnd_projects"  ("committee_id") `);
    await runner.query(`CREATE TABLE "value_chain_stages" ("code" character varying(64) NOT NULL, "name_en" character varying(200) NOT NULL, "name_ms" character varying(200) NOT NULL, "segment" character varying(16) NOT NULL, "position" integer NOT NULL, CONSTRAINT "PK_748aeb98cc1d03b8093689c95ce" PRIMARY KEY ("code"))`);
    // The value chain (DOMAIN.md) as data: hulu → pertengahan → hiliran. Sources disagree whether
    // metal making is mid-level or downstream; it is a row to change, not code.
    await runner.query(`INSERT INTO "value_chain_stages" ("code", "name_en", "name_ms", "segment", "position") VALUES
      ('mining', 'Mining and in-situ leaching', 'Perlombongan dan larut lesap in-situ', 'upstream', 1),
      ('mixed_carbonate', 'Mixed rare earth carbonate', 'Karbonat nadir bumi campuran', 'upstream', 2),
      ('separation', 'Cracking and solvent-extraction separation', 'Peretakan dan pemisahan pengekstrakan pelarut', 'midstream', 3),
      ('oxides', 'Separated oxides', 'Oksida terpisah', 'midstream', 4),
      ('metal_alloy', 'Metal and alloy making', 'Pembuatan logam dan aloi', 'midstream', 5),
      ('magnets', 'NdFeB magnets and motors', 'Magnet NdFeB dan motor', 'downstream', 6),
      ('recycling', 'Recycling', 'Kitar semula', 'downstream', 7)`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "value_chain_stages"`);
    await runner.query(`DROP INDEX "public"."rnd_projects_committee_idx"`);
    await runner.query(`DROP TABLE "rnd_projects"`);
    await runner.query(`DROP INDEX "public"."rnd_milestones_project_idx"`);
    await runner.query(`DROP TABLE "rnd_milestones"`);
    await runner.query(`DROP INDEX "public"."negotiation_rounds_negotiation_idx"`);
    await runner.query(`DROP TABLE "negotiation_rounds"`);
    await runner.query(`DROP INDEX "public"."negotiations_committee_idx"`);
    await runner.query(`DROP TABLE "negotiations"`);
    await runner.query(`DROP INDEX "public"."bilateral_meetings_committee_idx"`);
    await runner.query(`DROP TABLE "bilateral_meetings"`);
    await runner.query(`DROP INDEX "public"."bilateral_commitments_meeting_idx"`);
    await runner.query(`DROP TABLE "bilateral_commitments"`);
    await runner.query(`DROP INDEX "public"."agreements_committee_idx"`);
    await runner.query(`DROP TABLE "agreements"`);
    await runner.query(`DROP INDEX "public"."record_links_from_idx"`);
    await runner.query(`DROP INDEX "public"."record_links_to_idx"`);
    await runner.query(`DROP TABLE "record_links"`);
  }
}
