import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The current agenda item's level beside the meeting's pointer to it (its field level on every channel). */
export class CurrentItemLevel1796610467320 implements MigrationInterface {
  name = 'CurrentItemLevel1796610467320';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "meetings" ADD "current_item_classification" character varying(16)`);
    await runner.query(
      `UPDATE "meetings" SET "current_item_classification" = "agenda_items"."classification" FROM "agenda_items" WHERE "agenda_items"."id" = "meetings"."current_agenda_item_id"`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "meetings" DROP COLUMN "current_item_classification"`);
  }
}
