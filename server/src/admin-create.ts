import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { CLASSIFICATIONS, type Classification, createUserSchema } from '@sidang/shared';
import type { Actor } from './access/actor.js';
import { AppModule } from './app.module.js';
import { ConfigError, loadConfig } from './config/config.js';
import { DataDirLockedError } from './database/embedded.js';
import { openStore } from './database/store.js';
import { AdminRepository } from './modules/admin/admin.repository.js';
import { AdminService } from './modules/admin/admin.service.js';

const USAGE = `Usage: npm run admin:create -- --email <address> [--name <name>] [--agency <agency>] [--clearance <level>] [--password-stdin]

Creates an administrator account, once: it refuses an address that already has an account.
The password is read from ADMIN_PASSWORD, or from standard input with --password-stdin;
otherwise a one-time password is generated and printed once (change it after signing in).`;

/**
 * Who the audit row of a command-line account names as its author: nobody signed in, so the
 * all-zero id (no account has it), an administrator for the rules the service applies.
 */
const COMMAND_LINE_ACTOR: Actor = {
  id: '00000000-0000-0000-0000-000000000000',
  name: 'admin:create',
  email: 'admin-create@localhost',
  agency: '-',
  clearance: 'OPEN',
  isAdmin: true,
};

class UsageError extends Error {}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function main(): Promise<void> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        agency: { type: 'string' },
        clearance: { type: 'string' },
        'password-stdin': { type: 'boolean' },
        help: { type: 'boolean' },
      },
      strict: true,
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${USAGE}`);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (typeof values.email !== 'string') throw new UsageError(`--email is required.\n\n${USAGE}`);
  const clearance = (values.clearance ?? 'OPEN') as string;
  if (!CLASSIFICATIONS.includes(clearance as Classification)) {
    throw new UsageError(`--clearance must be one of ${CLASSIFICATIONS.join(', ')}`);
  }
  const given = values['password-stdin'] ? await readStdin() : process.env.ADMIN_PASSWORD || undefined;
  const password = given ?? randomBytes(18).toString('base64url');
  const parsed = createUserSchema.safeParse({
    email: values.email,
    name: values.name ?? 'Administrator',
    agency: values.agency ?? 'ADMIN',
    clearance,
    isAdmin: true,
    password,
  });
  if (!parsed.success) {
    throw new UsageError(parsed.error.issues.map((issue) => `${issue.path.join('.') || 'input'}: ${issue.message}`).join('; '));
  }

  const config = loadConfig();
  const store = await openStore(config);
  let app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>> | undefined;
  try {
    // The app's own modules (migrations included), without HTTP, sockets or the demo seed.
    app = await NestFactory.createApplicationContext(
      AppModule.forRoot({ ...config, SEED_DEMO: false, LOG_LEVEL: 'warn', DATABASE_URL: store.url, DB_POOL_SIZE: store.poolSize }),
      { logger: ['error'] },
    );
    if (await app.get(AdminRepository).emailTaken(parsed.data.email)) {
      throw new UsageError(`An account with the address ${parsed.data.email} already exists; nothing was changed.`);
    }
    const created = await app.get(AdminService).createUser(COMMAND_LINE_ACTOR, parsed.data);
    console.log(`Sidang: administrator ${created.email} created (id ${created.id}).`);
    if (!given) {
      console.log(`One-time password (shown once; change it after signing in): ${password}`);
    }
  } finally {
    await app?.close().catch(() => undefined);
    await store.stop().catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof DataDirLockedError) console.error(error.message);
    else if ((error as { code?: string }).code === 'already_in_use') console.error('An account with that address already exists.');
    else console.error('admin:create failed:', error);
    process.exit(1);
  },
);
