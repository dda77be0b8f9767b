import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Papers' numbers, presenters, status and file versions; notes on their pages. */
export class PapersAndNotes1796652591547 implements MigrationInterface {
  name = 'PapersAndNotes1796652591547';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "document_files" ("document_id" uuid NOT NULL, "file_version" integer NOT NULL, "file_name" character varying(255) NOT NULL, "media_type" character varying(100) NOT NULL, "size" integer NOT NULL, "sha256" character varying(64) NOT NULL, "storage_key" character varying(128) NOT NULL, "uploaded_by" uuid NOT NULL, "uploaded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_5c8d9b92438f5fcf7762968b9b2" PRIMARY KEY ("document_id", "file_version"))`);
    await runner.query(`CREATE TABLE "document_annotations" ("id" uuid NOT NULL, "committee_id" uuid NOT NULL, "document_id" uuid NOT NULL, "author_id" uuid NOT NULL, "visibility" character varying(10) NOT NULL, "page" integer NOT NULL, "text" text NOT NULL, "highlight" jsonb, "classification" character varying(16) NOT NULL, "version" integer NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_c2caf9750e21546b4d88c189e40" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "document_annotations_document_idx" ON "document_annotations"  ("document_id", "created_at") `);
    await runner.query(`ALTER TABLE "documents" ADD "number" character varying(40)`);
    await runner.query(`ALTER TABLE "documents" ADD "presenter" character varying(200)`);
    await runner.query(`ALTER TABLE "documents" ADD "presenter_id" uuid`);
    await runner.query(`ALTER TABLE "documents" ADD "status" character varying(20) NOT NULL DEFAULT 'draft'`);
    await runner.query(`ALTER TABLE "documents" ADD "file_version" integer NOT NULL DEFAULT '1'`);
    // Papers uploaded before had been circulated already; their one file is their first version.
    await runner.query(`UPDATE "documents" SET "status" = 'for_circulation'`);
    await runner.query(
      `INSERT INTO "document_files" ("document_id", "file_version", "file_name", "media_type", "size", "sha256", "storage_key", "uploaded_by", "uploaded_at")
       SELECT "id", 1, "file_name", "media_type", "size", "sha256", "storage_key", "uploaded_by", "created_at" FROM "documents"`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "documents" DROP COLUMN "file_version"`);
    await runner.query(`ALTER TABLE "documents" DROP COLUMN "status"`);
    await runner.query(`ALTER TABLE "documents" DROP COLUMN "presenter_id"`);
    await runner.query(`ALTER TABLE "documents" DROP COLUMN "presenter"`);
    await runner.query(`ALTER TABLE "documents" DROP COLUMN "number"`);
    await runner.query(`DROP INDEX "public"."document_annotations_document_idx"`);
    await runner.query(`DROP TABLE "document_annotations"`);
    await runner.query(`DROP TABLE "document_files"`);
  }
}
