import type { MigrationInterface, QueryRunner } from 'typeorm';

export class AccessAndAudit1795924647955 implements MigrationInterface {
  name = 'AccessAndAudit1795924647955';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "users" ADD "active" boolean NOT NULL DEFAULT true`);
    await runner.query(`ALTER TABLE "users" ADD "version" integer NOT NULL DEFAULT '1'`);
    await runner.query(`ALTER TABLE "memberships" ADD "version" integer NOT NULL DEFAULT '1'`);
    await runner.query(`ALTER TABLE "audit_entries" ALTER COLUMN "committee_id" DROP NOT NULL`);
    await runner.query(`ALTER TABLE "audit_entries" ALTER COLUMN "seq" DROP NOT NULL`);
    await runner.query(`CREATE INDEX "audit_entries_committee_seq_idx" ON "audit_entries"  ("committee_id", "seq") `);
    // The audit trail is append-only at the database level, whatever the application does.
    await runner.query(
      `CREATE FUNCTION audit_entries_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit_entries is append-only'; END $$`,
    );
    await runner.query(
      `CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON "audit_entries" FOR EACH ROW EXECUTE FUNCTION audit_entries_append_only()`,
    );
    await runner.query(
      `CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON "audit_entries" FOR EACH STATEMENT EXECUTE FUNCTION audit_entries_append_only()`,
    );
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`DROP TRIGGER "audit_entries_no_truncate" ON "audit_entries"`);
    await runner.query(`DROP TRIGGER "audit_entries_append_only" ON "audit_entries"`);
    await runner.query(`DROP FUNCTION audit_entries_append_only()`);
    await runner.query(`DROP INDEX "public"."audit_entries_committee_seq_idx"`);
    await runner.query(`ALTER TABLE "audit_entries" ALTER COLUMN "seq" SET NOT NULL`);
    await runner.query(`ALTER TABLE "audit_entries" ALTER COLUMN "committee_id" SET NOT NULL`);
    await runner.query(`ALTER TABLE "memberships" DROP COLUMN "version"`);
    await runner.query(`ALTER TABLE "users" DROP COLUMN "version"`);
    await runner.query(`ALTER TABLE "users" DROP COLUMN "active"`);
  }
}
