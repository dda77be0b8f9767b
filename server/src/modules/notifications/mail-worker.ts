import { Inject, Injectable, Logger, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import nodemailer, { type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../../config/config.js';
import { runJob } from '../../observability/log-ids.js';
import { mailItem, renderMail } from './mail.templates.js';
import { type ClaimedMail, MailOutboxRepository } from './mail-outbox.repository.js';
import { toNotification } from './notifications.mapper.js';
import { NotificationsRepository } from './notifications.repository.js';

/** Whether notifications are e-mailed at all: both SMTP_URL and MAIL_FROM are set. */
export function mailEnabled(config: Pick<AppConfig, 'SMTP_URL' | 'MAIL_FROM'>): boolean {
  return Boolean(config.SMTP_URL && config.MAIL_FROM);
}

const BATCH = 10;
/** Tries of one e-mail before it is given up (`failed`). */
const MAX_ATTEMPTS = 6;
/** Back-off after a refusal SMTP gave before accepting: 30 s, 1 min, 2 min, … at most 1 h. */
export function backoffMs(attempts: number): number {
  return Math.min(30_000 * 2 ** Math.max(attempts - 1, 0), 3_600_000);
}

/** Failures after which the e-mail was certainly not accepted, so trying again cannot send it twice. */
function notAccepted(error: { code?: string; responseCode?: number }): boolean {
  if (error.responseCode !== undefined) return error.responseCode >= 400 && error.responseCode < 500;
  return error.code === 'ECONNECTION' || error.code === 'EDNS' || error.code === 'ETIMEDOUT';
}

/**
 * Sends the outbox, when SMTP_URL and MAIL_FROM are set (otherwise nothing is queued or sent).
 * Each e-mail is claimed first (`sending`, committed), then rendered for its recipient as they
 * may see its notifications now — dropped when they may no longer — and sent once. A refusal
 * before acceptance is tried again with back-off; anything else is not retried, so an e-mail is
 * sent at most once across restarts and instances.
 */
@Injectable()
export class MailWorker implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(MailWorker.name);
  private transport: Transporter | null = null;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<number> | null = null;

  constructor(
    private readonly outbox: MailOutboxRepository,
    private readonly notifications: NotificationsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    if (!mailEnabled(this.config) || !this.config.SMTP_URL) return;
    this.transport = nodemailer.createTransport(this.config.SMTP_URL);
    this.timer = setInterval(() => void this.sendDue(), this.config.MAIL_POLL_MS);
    this.timer.unref();
    this.logger.log('Notification e-mail is on');
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
    this.transport?.close();
    this.transport = null;
  }

  /** Sends what is due now; answers how many e-mails it sent. */
  sendDue(): Promise<number> {
    if (this.running) return this.running;
    this.running = runJob('mail-outbox', async () => {
      let sent = 0;
      try {
        for (;;) {
          const claimed = await this.outbox.claim(BATCH);
          for (const mail of claimed) {
            // One e-mail's failure leaves the others of the batch to be sent.
            sent += (await this.sendOne(mail).catch((error: Error) => this.logger.warn(`An e-mail failed: ${error.message}`))) ? 1 : 0;
          }
          if (claimed.length < BATCH || !this.transport) return sent;
        }
      } catch (error) {
        this.logger.warn(`The mail outbox could not be read: ${(error as Error).message}`);
        return sent;
      } finally {
        this.running = null;
      }
    });
    return this.running;
  }

  private async sendOne(mail: ClaimedMail): Promise<boolean> {
    const transport = this.transport;
    const reader = await this.notifications.reader(mail.userId);
    const ids = mail.notificationId ? [mail.notificationId] : await this.outbox.digestItems(mail.id);
    const rows =
      reader && ids.length > 0 ? await this.notifications.readable({ userId: mail.userId, unread: false, ids, limit: ids.length }) : [];
    if (!transport || !reader || rows.length === 0) {
      await this.outbox.finish(mail.id, 'dropped');
      return false;
    }
    const appUrl = this.config.APP_URL ?? `http://localhost:${this.config.PORT}`;
    const items = rows.map((row) =>
      mailItem(toNotification(row, reader.clearance, reader.locale), Number(row.visible_level), reader.locale, appUrl),
    );
    const rendered = renderMail(items, reader, mail.notificationId === null);
    try {
      await transport.sendMail({ from: this.config.MAIL_FROM, to: reader.email, ...rendered });
      await this.outbox.finish(mail.id, 'sent');
      return true;
    } catch (error) {
      const failure = error as Error & { code?: string; responseCode?: number };
      if (notAccepted(failure) && mail.attempts < MAX_ATTEMPTS) {
        await this.outbox.retryLater(mail.id, backoffMs(mail.attempts), failure.message);
      } else {
        await this.outbox.finish(mail.id, 'failed', failure.message);
      }
      this.logger.warn(`An e-mail was not sent (attempt ${mail.attempts}): ${failure.message}`);
      return false;
    }
  }
}
