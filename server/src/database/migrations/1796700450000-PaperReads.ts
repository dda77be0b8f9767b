import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A row per (user, paper, file version) the user opened: a private fact of the reader, not a change
 * of the paper. The home lists the next meeting's papers whose current version has no row.
 */
export class PaperReads1796700450000 implements MigrationInterface {
  name = 'PaperReads1796700450000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(
      `CREATE TABLE "paper_reads" ("user_id" uuid NOT NULL, "document_id" uuid NOT NULL, "file_version" integer NOT NULL, "read_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_paper_reads" PRIMARY KEY ("user_id", "document_id", "file_version"))`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TABLE "paper_reads"`);
  }
}
