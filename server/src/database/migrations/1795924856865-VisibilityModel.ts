import type { MigrationInterface, QueryRunner } from 'typeorm';

export class VisibilityModel1795924856865 implements MigrationInterface {
  name = 'VisibilityModel1795924856865';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "record_scopes" ADD "parent_id" uuid`);
    // Existing updates take their item's level; every record gets its own scope row under its parent.
    await runner.query(`ALTER TABLE "progress_updates" ADD "classification" character varying(16)`);
    await runner.query(
      `UPDATE "progress_updates" u SET "classification" = i."classification" FROM "action_items" i WHERE i."id" = u."action_item_id"`,
    );
    await runner.query(`ALTER TABLE "progress_updates" ALTER COLUMN "classification" SET NOT NULL`);
    await runner.query(
      `INSERT INTO "record_scopes" ("scope_id", "committee_id", "level", "parent_id")
       SELECT u."id", u."committee_id", CASE u."classification" WHEN 'OPEN' THEN 0 WHEN 'RESTRICTED' THEN 1 WHEN 'CONFIDENTIAL' THEN 2 ELSE 3 END, u."action_item_id"
       FROM "progress_updates" u ON CONFLICT ("scope_id") DO NOTHING`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "progress_updates" DROP COLUMN "classification"`);
    await runner.query(`ALTER TABLE "record_scopes" DROP COLUMN "parent_id"`);
  }
}
