import type { MigrationInterface, QueryRunner } from 'typeorm';

export class StrongSignIn1796700100000 implements MigrationInterface {
  name = 'StrongSignIn1796700100000';

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE "user_totp" ("user_id" uuid NOT NULL, "secret_sealed" character varying(400) NOT NULL, "confirmed_at" TIMESTAMP WITH TIME ZONE, "last_step" bigint, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_04aa6aca4a656f0d4e1fd30ab10" PRIMARY KEY ("user_id"))`);
    await runner.query(`CREATE TABLE "user_recovery_codes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "code_hash" character varying(64) NOT NULL, "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_411939add58ed0eceffd39973cf" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE INDEX "IDX_user_recovery_codes_user" ON "user_recovery_codes"  ("user_id") `);
    await runner.query(`CREATE TABLE "user_passkeys" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "user_id" uuid NOT NULL, "credential_id" character varying(1400) NOT NULL, "public_key" text NOT NULL, "counter" bigint NOT NULL DEFAULT '0', "transports" character varying(200) NOT NULL DEFAULT '', "name" character varying(100) NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "last_used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_f78c7964dfa3e33810747ce0797" PRIMARY KEY ("id"))`);
    await runner.query(`CREATE UNIQUE INDEX "UQ_user_passkeys_credential" ON "user_passkeys"  ("credential_id") `);
    await runner.query(`CREATE INDEX "IDX_user_passkeys_user" ON "user_passkeys"  ("user_id") `);
    await runner.query(`ALTER TABLE "sessions" ADD "amr" character varying(40) NOT NULL DEFAULT 'pwd'`);
    await runner.query(`ALTER TABLE "sessions" ADD "user_agent" character varying(400)`);
    await runner.query(`ALTER TABLE "sessions" ADD "ip" character varying(64)`);
    await runner.query(`ALTER TABLE "sessions" ADD "last_seen_at" TIMESTAMP WITH TIME ZONE`);
    await runner.query(`ALTER TABLE "user_totp" ADD CONSTRAINT "FK_04aa6aca4a656f0d4e1fd30ab10" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "user_recovery_codes" ADD CONSTRAINT "FK_f659216e26d0ef1238379cbf40c" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
    await runner.query(`ALTER TABLE "user_passkeys" ADD CONSTRAINT "FK_506409cf4389eadf21448ba96cc" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`);
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query(`ALTER TABLE "user_passkeys" DROP CONSTRAINT "FK_506409cf4389eadf21448ba96cc"`);
    await runner.query(`ALTER TABLE "user_recovery_codes" DROP CONSTRAINT "FK_f659216e26d0ef1238379cbf40c"`);
    await runner.query(`ALTER TABLE "user_totp" DROP CONSTRAINT "FK_04aa6aca4a656f0d4e1fd30ab10"`);
    await runner.query(`ALTER TABLE "sessions" DROP COLUMN "last_seen_at"`);
    await runner.query(`ALTER TABLE "sessions" DROP COLUMN "ip"`);
    await runner.query(`ALTER TABLE "sessions" DROP COLUMN "user_agent"`);
    await runner.query(`ALTER TABLE "sessions" DROP COLUMN "amr"`);
    await runner.query(`DROP INDEX "public"."IDX_user_passkeys_user"`);
    await runner.query(`DROP INDEX "public"."UQ_user_passkeys_credential"`);
    await runner.query(`DROP TABLE "user_passkeys"`);
    await runner.query(`DROP INDEX "public"."IDX_user_recovery_codes_user"`);
    await runner.query(`DROP TABLE "user_recovery_codes"`);
    await runner.query(`DROP TABLE "user_totp"`);
  }
}
