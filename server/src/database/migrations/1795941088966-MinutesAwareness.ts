import type { MigrationInterface, QueryRunner } from 'typeorm';

export class MinutesAwareness1795941088966 implements MigrationInterface {
  name = 'MinutesAwareness1795941088966';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "minutes_doc_awareness" ("doc_id" uuid NOT NULL, "client_id" bigint NOT NULL, "instance_id" uuid NOT NULL, "message" bytea NOT NULL, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "PK_77da175d60388311b8cf77451a6" PRIMARY KEY ("doc_id", "client_id"))`);
    await runner.query(`CREATE INDEX "minutes_doc_awareness_updated_idx" ON "minutes_doc_awareness"  ("updated_at") `);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP INDEX "public"."minutes_doc_awareness_updated_idx"`);
    await runner.query(`DROP TABLE "minutes_doc_awareness"`);
  }
}
