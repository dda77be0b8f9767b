import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FieldLevels1795925512567 implements MigrationInterface {
  name = 'FieldLevels1795925512567';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "action_items" ADD "field_classifications" jsonb NOT NULL DEFAULT '{}'`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "action_items" DROP COLUMN "field_classifications"`);
  }
}
