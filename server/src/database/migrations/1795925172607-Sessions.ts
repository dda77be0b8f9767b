import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Sessions1795925172607 implements MigrationInterface {
  name = 'Sessions1795925172607';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "sessions" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "refresh_hash" character varying(64) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_3238ef96f18b355b671619111bc" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "IDX_sessions_user_active" ON "sessions"  ("user_id", "revoked_at") `);
    await runner.query(`ALTER TABLE "sessions" ADD CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "sessions" DROP CONSTRAINT "FK_085d540d9f418cfbdc7bd55bb19"`);
    await runner.query(`DROP INDEX "public"."IDX_sessions_user_active"`);
    await runner.query(`DROP TABLE "sessions"`);
  }
}
