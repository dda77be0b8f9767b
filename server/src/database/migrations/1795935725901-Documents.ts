import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Documents1795935725901 implements MigrationInterface {
  name = 'Documents1795935725901';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "documents" ("id" uuid NOT NULL, "committee_id" uuid NOT NULL, "parent_id" uuid NOT NULL, "title" character varying(300) NOT NULL, "file_name" character varying(255) NOT NULL, "media_type" character varying(100) NOT NULL, "size" integer NOT NULL, "sha256" character varying(64) NOT NULL, "storage_key" character varying(128) NOT NULL, "text" text, "classification" character varying(16) NOT NULL, "uploaded_by" uuid NOT NULL, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_ac51aa5181ee2036f5ca482857c" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "documents_parent_idx" ON "documents"  ("parent_id") `);
    await runner.query(`CREATE INDEX "documents_committee_idx" ON "documents"  ("committee_id", "created_at", "id") `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "public"."documents_committee_idx"`);
    await runner.query(`DROP INDEX "public"."documents_parent_idx"`);
    await runner.query(`DROP TABLE "documents"`);
  }
}
