import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { Classification, Role } from '@sidang/shared';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { NotificationsScheduler } from '../../server/src/modules/notifications/notifications.scheduler.js';
import { sql } from './support/db.js';
import {
  aCommittee,
  aDocument,
  aMeeting,
  aMembership,
  anActionItem,
  anAgendaItem,
  aUser,
  type TestUser,
  unique,
} from './support/factories.js';
import { TestApp, until } from './support/harness.js';

/** An SMTP server in this process that keeps every message it accepts. */
async function aMailbox(): Promise<{ url: string; mails: ParsedMail[]; close: () => Promise<void> }> {
  const mails: ParsedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          mails.push(mail);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return { url: `smtp://127.0.0.1:${port}`, mails, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

const to = (mail: ParsedMail) =>
  (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).flatMap((a) => a.value.map((v) => v.address));
const whole = (mail: ParsedMail) => `${mail.subject ?? ''}\n${mail.text ?? ''}\n${typeof mail.html === 'string' ? mail.html : ''}`;

describe('notifications by e-mail: once each, in the reader’s language, marked and without content above RESTRICTED', () => {
  let mailbox: Awaited<ReturnType<typeof aMailbox>>;
  let app: TestApp;
  let committee: { id: string };
  let chair: TestUser;
  const env = () => ({
    SMTP_URL: mailbox.url,
    MAIL_FROM: 'Sidang <sidang@test.invalid>',
    MAIL_POLL_MS: '100',
    APP_URL: 'https://sidang.test',
  });

  async function person(clearance: Classification, role: Role, name: string): Promise<TestUser> {
    const user = await aUser(app, { clearance, name: unique(name) });
    await aMembership(app, committee, user, role);
    return user;
  }

  const mailsTo = (user: TestUser) => mailbox.mails.filter((mail) => to(mail).includes(user.email));

  /**
   * The user's outbox rows once none is still to be sent (every one sent, dropped, failed or held
   * for a digest). A mail is in the mailbox before its row is marked sent, and each row is sent at
   * most once: from then on no e-mail of theirs is on its way, so a count of their mails is final.
   * Call it after a positive control that the notifications' change has been consumed (the rows
   * are written in the transaction that consumed it).
   */
  async function outboxSettled(user: TestUser): Promise<Array<{ status: string; digest: boolean }>> {
    return until(
      async () => {
        const rows: Array<{ status: string; digest: boolean }> = await sql(app).dataSource.query(
          'SELECT status, digest_day IS NOT NULL AS digest FROM mail_outbox WHERE user_id = $1 ORDER BY id',
          [user.id],
        );
        return rows.every((row) => row.status !== 'pending' && row.status !== 'sending') && rows;
      },
      `nothing left to send to ${user.email}`,
      10_000,
    );
  }

  beforeAll(async () => {
    mailbox = await aMailbox();
    app = await TestApp.start(env());
    committee = await aCommittee(app);
    chair = await person('SECRET', 'chair', 'Chair Aminah');
  });

  afterAll(async () => {
    await app.close();
    await mailbox.close();
  });

  it('should e-mail a new owner once, in plain text and HTML, with the title and a link', async () => {
    const owner = await person('CONFIDENTIAL', 'member', 'Owner Badrul');
    const action = await anActionItem(app, chair, committee, { title: unique('Kaji tarif'), ownerIds: [owner.id], dueDate: '2031-03-01' });
    const [mail] = await until(() => (mailsTo(owner).length > 0 ? mailsTo(owner) : false), 'the e-mail', 10_000);
    expect(mail?.subject).toContain('assigned you an action');
    expect(mail?.text).toContain(action.title);
    expect(mail?.text).toContain(`https://sidang.test/c/${committee.id}/actions/${action.id}`);
    expect(mail?.html).toContain(`href="https://sidang.test/c/${committee.id}/actions/${action.id}"`);
    expect((await outboxSettled(owner)).map((row) => row.status)).toEqual(['sent']);
    expect(mailsTo(owner)).toHaveLength(1);
  });

  it('should write in the recipient’s language', async () => {
    const owner = await person('OPEN', 'member', 'Pemilik Chong');
    await sql(app).dataSource.query(`UPDATE users SET locale = 'ms' WHERE id = $1`, [owner.id]);
    await anActionItem(app, chair, committee, { ownerIds: [owner.id] });
    const [mail] = await until(() => (mailsTo(owner).length > 0 ? mailsTo(owner) : false), 'the Malay e-mail', 10_000);
    expect(mail?.subject).toContain('menugaskan satu tindakan kepada anda');
    expect(mail?.text).toContain('Salam sejahtera');
  });

  it('should carry only the marking, the type and a link for a SECRET record, and nothing for a reader below it', async () => {
    const marker = unique('RAHSIA-MARKER');
    const cleared = await person('SECRET', 'member', 'Cleared Dahlia');
    const lower = await person('CONFIDENTIAL', 'member', 'Lower Eng');
    const action = await anActionItem(app, chair, committee, { title: marker, classification: 'SECRET', ownerIds: [cleared.id, lower.id] });
    const [mail] = await until(() => (mailsTo(cleared).length > 0 ? mailsTo(cleared) : false), 'the marked e-mail', 10_000);
    expect(mail?.subject).toBe('[RAHSIA] Sidang: a notification about the action');
    expect(mail?.text).toContain(`/actions/${action.id}`);
    expect(whole(mail as ParsedMail)).not.toContain(marker);
    // The same change made the reader below's notification, if any, and its outbox row.
    await outboxSettled(lower);
    expect(mailsTo(lower)).toHaveLength(0);
    expect(JSON.stringify(mailbox.mails.map(whole))).not.toContain(marker);
  });

  it('should honour preferences: in-app only sends nothing, digest gathers the day into one e-mail', async () => {
    const quiet = await person('OPEN', 'member', 'Quiet Farid');
    const digest = await person('OPEN', 'member', 'Digest Gopal');
    await app.request('PUT', '/api/me/notification-preferences', quiet.token, { kinds: { 'action.assigned': 'in-app' } });
    await app.request('PUT', '/api/me/notification-preferences', digest.token, { kinds: { 'action.assigned': 'digest' } });
    const first = await anActionItem(app, chair, committee, { title: unique('Pertama'), ownerIds: [quiet.id, digest.id] });
    const second = await anActionItem(app, chair, committee, { title: unique('Kedua'), ownerIds: [digest.id] });
    await until(async () => {
      const rows: Array<{ count: string }> = await sql(app).dataSource.query(
        `SELECT count(*) AS count FROM mail_outbox WHERE user_id = $1 AND status = 'held'`,
        [digest.id],
      );
      return Number(rows[0]?.count) === 2;
    }, 'two notifications held for the digest');
    expect(mailsTo(quiet)).toHaveLength(0);
    expect(mailsTo(digest)).toHaveLength(0);
    // Before the digest hour nothing goes; from it, one e-mail for the day, once.
    const scheduler = app.app.get(NotificationsScheduler);
    await scheduler.runOnce(new Date('2031-05-04T21:00:00Z')); // 05:00 in Kuala Lumpur
    // The run made no digest to send (an e-mail goes out only from an outbox row).
    expect(await outboxSettled(digest)).toEqual([
      { status: 'held', digest: false },
      { status: 'held', digest: false },
    ]);
    expect(mailsTo(digest)).toHaveLength(0);
    await scheduler.runOnce(new Date('2031-05-05T01:00:00Z')); // 09:00 in Kuala Lumpur
    await scheduler.runOnce(new Date('2031-05-05T02:00:00Z'));
    const [mail] = await until(() => (mailsTo(digest).length > 0 ? mailsTo(digest) : false), 'the digest', 10_000);
    expect(mail?.subject).toBe('Sidang: your daily digest (2)');
    expect(mail?.text).toContain(first.title);
    expect(mail?.text).toContain(second.title);
    expect(await outboxSettled(digest)).toEqual([
      { status: 'digested', digest: false },
      { status: 'digested', digest: false },
      { status: 'sent', digest: true },
    ]);
    expect(mailsTo(digest)).toHaveLength(1);
    expect(mailsTo(quiet)).toHaveLength(0);
  });

  it('should send nothing and fail nothing without SMTP_URL', async () => {
    const plain = await TestApp.start();
    try {
      const [boss, owner] = [await aUser(plain, { clearance: 'SECRET' }), await aUser(plain, { clearance: 'OPEN' })];
      const room = await aCommittee(plain);
      await aMembership(plain, room, boss, 'chair');
      await aMembership(plain, room, owner, 'member');
      const action = await anActionItem(plain, boss, room, { ownerIds: [owner.id] });
      await until(async () => {
        const page = await plain.request<{ items: Array<{ entityId: string }> }>('GET', '/api/notifications', owner.token);
        return page.body.items.some((n) => n.entityId === action.id);
      }, 'the notification in the app');
      const rows: Array<{ count: string }> = await sql(plain).dataSource.query('SELECT count(*) AS count FROM mail_outbox');
      expect(Number(rows[0]?.count)).toBe(0);
    } finally {
      await plain.close();
    }
  });

  it('should link a paper to its meeting’s page, and a SECRET one by ids only', async () => {
    const reader = await person('SECRET', 'member', 'Reader Intan');
    const lower = await person('CONFIDENTIAL', 'member', 'Lower Jamal');
    for (const user of [reader, lower])
      await app.request('PUT', '/api/me/notification-preferences', user.token, { kinds: { 'paper.added': 'email' } });
    const mailAbout = (words: string) => mailsTo(reader).find((mail) => mail.text?.includes(words));
    const meeting = await aMeeting(app, chair, committee);
    const item = await anAgendaItem(app, chair, meeting);
    const paper = await aDocument(app, chair, committee, { parentId: item.id, title: unique('Kertas') });
    const mail = await until(() => mailAbout(paper.title) ?? false, 'the paper’s e-mail', 10_000);
    expect(mail.text).toContain(`https://sidang.test/c/${committee.id}/meetings/${meeting.id}\n`);
    expect(mail.html).toContain(`href="https://sidang.test/c/${committee.id}/meetings/${meeting.id}"`);

    const marker = unique('RAHSIA-KERTAS');
    const secret = await aMeeting(app, chair, committee, { title: marker, classification: 'SECRET' });
    const secretItem = await anAgendaItem(app, chair, secret, { title: marker });
    await aDocument(app, chair, committee, { parentId: secretItem.id, title: marker });
    const link = `https://sidang.test/c/${committee.id}/meetings/${secret.id}`;
    const marked = await until(() => mailAbout(link) ?? false, 'the marked paper’s e-mail', 10_000);
    expect(marked.subject).toMatch(/^\[RAHSIA\] /);
    expect(marked.html).toContain(`href="${link}"`);
    expect(whole(marked)).not.toContain(marker);
    // The reader below sees the OPEN paper (positive control), nothing of the SECRET one.
    await until(() => mailsTo(lower).some((m) => m.text?.includes(paper.title)), 'the open paper for the reader below');
    await outboxSettled(lower);
    expect(mailsTo(lower).some((m) => whole(m).includes(secret.id))).toBe(false);
    expect(JSON.stringify(mailbox.mails.map(whole))).not.toContain(marker);
  });

  it('should e-mail each notification once across a restart and two instances (PostgreSQL)', async () => {
    if (app.store === 'embedded') return;
    const owner = await person('OPEN', 'member', 'Many Hana');
    const second = await app.startPeer({ ...env(), SEED_DEMO: 'false' });
    const made: string[] = [];
    try {
      for (let i = 0; i < 8; i += 1) {
        const on = i % 2 === 0 ? app : second;
        made.push((await anActionItem(on, chair, committee, { title: unique('Sekali'), ownerIds: [owner.id] })).title);
      }
    } finally {
      await second.close();
    }
    // A third instance starts after the second stopped: it sends what is left, nothing twice.
    const third = await app.startPeer({ ...env(), SEED_DEMO: 'false' });
    try {
      for (let i = 0; i < 2; i += 1)
        made.push((await anActionItem(third, chair, committee, { title: unique('Lagi'), ownerIds: [owner.id] })).title);
      await until(() => made.every((title) => mailsTo(owner).some((mail) => mail.text?.includes(title))), 'every e-mail', 15_000);
      expect((await outboxSettled(owner)).map((row) => row.status)).toEqual(made.map(() => 'sent'));
      const counts = made.map((title) => mailsTo(owner).filter((mail) => mail.text?.includes(title)).length);
      expect(counts).toEqual(made.map(() => 1));
    } finally {
      await third.close();
    }
  });
});
