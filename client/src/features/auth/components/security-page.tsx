import type { MfaStatus, SessionInfo, TotpEnrolment } from '@sidang/shared';
import { QRCodeSVG } from 'qrcode.react';
import { type FormEvent, type InputHTMLAttributes, type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api/api-client.ts';
import { formatRelative, formatTimestamp } from '../../../lib/dates.ts';
import { FormError } from '../../../lib/ui/form/field.tsx';
import { SubmitBar } from '../../../lib/ui/form/submit-bar.tsx';
import { RetryNotice } from '../../../lib/ui/retry-notice.tsx';
import { useMe } from '../hooks/use-auth.ts';
import {
  useAddPasskey,
  useBeginTotp,
  useConfirmTotp,
  useMfaStatus,
  useRemovePasskey,
  useRemoveTotp,
  useRenewRecoveryCodes,
  useRevokeSession,
  useSessions,
  useStepUp,
} from '../hooks/use-security.ts';
import '../auth.css';
import '../load-strings.ts';

/** `/settings/security`: the second factor (authenticator app, recovery codes) and the signed-in devices. */
export function SecurityPage() {
  const { t } = useTranslation();
  const status = useMfaStatus();
  return (
    <section className="security" aria-labelledby="page-title">
      <header className="page-header">
        <h1 id="page-title">{t('auth.security.title')}</h1>
      </header>
      {status.isPending ? (
        <p className="muted" role="status">
          {t('app.loading')}
        </p>
      ) : status.isError ? (
        <RetryNotice message={t('auth.security.loadFailed')} onRetry={() => void status.refetch()} />
      ) : (
        <>
          <PolicyNotice status={status.data} />
          {status.data.totp && !status.data.sessionPassed && <StepUp />}
          <Authenticator status={status.data} />
          <Passkeys status={status.data} />
        </>
      )}
      <Devices />
    </section>
  );
}

/** What the MFA policy holds back from this session, said once at the top. */
export function PolicyNotice({ status }: { status: MfaStatus }) {
  const { t } = useTranslation();
  const me = useMe();
  if (status.sessionPassed)
    return (
      <p className="muted" data-testid="mfa-passed">
        {t('auth.security.passed')}
      </p>
    );
  if (!status.limited) return null;
  const level = status.requiredFor ? t(`classification.${status.requiredFor}`) : '';
  const served = t(`classification.${status.servedClearance}`);
  return (
    <p className="notice notice--warning" data-testid="mfa-limited">
      {me.data?.clearance === status.servedClearance ? t('auth.security.limitedAdmin') : t('auth.security.limited', { level, served })}
    </p>
  );
}

function codeError(error: unknown, t: (key: string) => string): string | null {
  if (!error) return null;
  if (isApiError(error) && error.body.code === 'wrong_code') return t('auth.security.wrongCode');
  if (isApiError(error) && error.body.code === 'mfa_required') return t('auth.security.needsSecondFactor');
  return t('auth.security.failed');
}

/** A session signed in with a password alone, of an account with an authenticator: one code lifts it. */
function StepUp() {
  const { t } = useTranslation();
  const stepUp = useStepUp();
  const id = useId();
  return (
    <section className="security__panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('auth.security.stepUpTitle')}</h2>
      <p className="muted">{t('auth.security.stepUpIntro')}</p>
      <CodeForm
        label={t('auth.mfa.code')}
        error={codeError(stepUp.error, t)}
        input={{ autoCapitalize: 'none', spellCheck: false, 'data-testid': 'step-up-code' }}
        onCode={(code, clear) => stepUp.mutate(code, { onSuccess: clear })}
      >
        <button type="submit" className="button button--primary" disabled={stepUp.isPending}>
          {t('auth.security.stepUpSubmit')}
        </button>
      </CodeForm>
    </section>
  );
}

/** A form that asks for one code: what went wrong with the last one, the code's field, then `children` (its buttons). */
function CodeForm({
  label,
  error,
  input,
  onCode,
  children,
}: {
  label: string;
  error: string | null;
  /** More of the field's attributes (how a phone's keyboard shows, its test id). */
  input: InputHTMLAttributes<HTMLInputElement> & { 'data-testid': string };
  /** A code typed (trimmed, never empty), and how to empty the field once it is taken. */
  onCode: (code: string, clear: () => void) => void;
  children: ReactNode;
}) {
  const [code, setCode] = useState('');
  const id = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (code.trim()) onCode(code.trim(), () => setCode(''));
  };
  return (
    <form className="security__code-form" onSubmit={submit} noValidate>
      <FormError as="p" message={error ?? undefined} />
      <div className="field">
        <label htmlFor={`${id}-code`}>{label}</label>
        <input id={`${id}-code`} autoComplete="one-time-code" value={code} onChange={(e) => setCode(e.target.value)} {...input} />
      </div>
      {children}
    </form>
  );
}

/** The authenticator app: set up (QR code, key, first code), recovery codes, removal. */
function Authenticator({ status }: { status: MfaStatus }) {
  const { t } = useTranslation();
  const id = useId();
  const begin = useBeginTotp();
  const remove = useRemoveTotp();
  const renew = useRenewRecoveryCodes();
  const [enrolment, setEnrolment] = useState<TotpEnrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const error = codeError(remove.error ?? renew.error ?? begin.error, t);
  const renewCodes = () => renew.mutate(undefined, { onSuccess: (answer) => setCodes(answer.recoveryCodes) });
  const removeApp = () => globalThis.confirm(t('auth.security.totpRemoveConfirm')) && remove.mutate();

  return (
    <section className="security__panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('auth.security.totpTitle')}</h2>
      <FormError as="p" message={error ?? undefined} />
      {codes ? (
        <RecoveryCodesShown codes={codes} onDone={() => setCodes(null)} />
      ) : enrolment ? (
        <Enrol
          enrolment={enrolment}
          onCancel={() => setEnrolment(null)}
          onConfirmed={(recoveryCodes) => {
            setEnrolment(null);
            setCodes(recoveryCodes);
          }}
        />
      ) : status.totp ? (
        <>
          <p data-testid="totp-on">{t('auth.security.totpOn')}</p>
          <h3>{t('auth.security.recoveryTitle')}</h3>
          <p className="muted">{t('auth.security.recoveryLeft', { count: status.recoveryCodesLeft })}</p>
          <div className="security__actions">
            <button type="button" className="button" disabled={renew.isPending} onClick={renewCodes}>
              {t('auth.security.recoveryRenew')}
            </button>
            <button type="button" className="button button--ghost" disabled={remove.isPending} onClick={removeApp}>
              {t('auth.security.totpRemove')}
            </button>
          </div>
        </>
      ) : (
        <>
          <p className="muted">{t('auth.security.totpOff')}</p>
          <button
            type="button"
            className="button button--primary"
            disabled={begin.isPending}
            onClick={() => begin.mutate(undefined, { onSuccess: setEnrolment })}
            data-testid="totp-start"
          >
            {t('auth.security.totpStart')}
          </button>
        </>
      )}
    </section>
  );
}

function Enrol({
  enrolment,
  onCancel,
  onConfirmed,
}: {
  enrolment: TotpEnrolment;
  onCancel: () => void;
  onConfirmed: (codes: string[]) => void;
}) {
  const { t } = useTranslation();
  const confirm = useConfirmTotp();
  return (
    <div className="security__enrol">
      <p>{t('auth.security.totpScan')}</p>
      <div className="security__qr">
        <QRCodeSVG value={enrolment.otpauthUri} size={176} marginSize={2} title={t('auth.security.totpQr')} role="img" />
      </div>
      <p>
        {t('auth.security.totpKey')}:{' '}
        <code className="security__key" data-testid="totp-secret">
          {enrolment.secret}
        </code>
      </p>
      <CodeForm
        label={t('auth.security.totpCode')}
        error={codeError(confirm.error, t)}
        input={{ inputMode: 'numeric', 'data-testid': 'totp-code' }}
        onCode={(code) => confirm.mutate(code, { onSuccess: (answer) => onConfirmed(answer.recoveryCodes) })}
      >
        <SubmitBar
          className="security__actions"
          label={t('auth.security.totpConfirm')}
          pending={confirm.isPending}
          cancelLabel={t('auth.security.totpCancel')}
          cancelLook="ghost"
          onCancel={onCancel}
          testId="totp-confirm"
        />
      </CodeForm>
    </div>
  );
}

function RecoveryCodesShown({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="security__codes">
      <p className="notice notice--warning">{t('auth.security.recoveryShown')}</p>
      <ul className="security__code-list" data-testid="recovery-codes">
        {codes.map((code) => (
          <li key={code}>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <button type="button" className="button button--primary" onClick={onDone} data-testid="recovery-done">
        {t('auth.security.recoveryDone')}
      </button>
    </div>
  );
}

/** Passkeys of the user: each can stand in for the app's code at sign-in. */
function Passkeys({ status }: { status: MfaStatus }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const add = useAddPasskey();
  const remove = useRemovePasskey();
  const supported = typeof window !== 'undefined' && typeof window.PublicKeyCredential === 'function';
  return (
    <section className="security__panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('auth.security.passkeysTitle')}</h2>
      <p className="muted">{t('auth.security.passkeysIntro')}</p>
      <FormError
        as="p"
        message={(remove.isError ? codeError(remove.error, t) : add.isError ? t('auth.security.passkeyFailed') : null) ?? undefined}
      />
      {status.passkeys.length === 0 ? (
        <p className="muted">{t('auth.security.passkeysNone')}</p>
      ) : (
        <ul className="security__devices" data-testid="passkeys">
          {status.passkeys.map((key) => (
            <li key={key.id} className="security__device">
              <div className="security__device-text">
                <span className="security__device-name">{key.name}</span>
                <span className="muted security__device-meta">
                  {t('auth.security.passkeyAdded', { when: formatTimestamp(key.createdAt, i18n.language) })}
                </span>
              </div>
              <button
                type="button"
                className="button button--ghost button--small"
                aria-label={t('auth.security.passkeyRemoveLabel', { name: key.name })}
                disabled={remove.isPending}
                onClick={() => remove.mutate(key.id)}
              >
                {t('auth.security.passkeyRemove')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {supported && (
        <div className="security__actions">
          <button
            type="button"
            className="button"
            disabled={add.isPending}
            onClick={() => add.mutate(t('auth.security.passkeyName'))}
            data-testid="passkey-add"
          >
            {t('auth.security.passkeyAdd')}
          </button>
        </div>
      )}
    </section>
  );
}

/** A browser's name from its User-Agent, short enough for a phone's row. */
function deviceName(userAgent: string | null, fallback: string): string {
  if (!userAgent) return fallback;
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : null;
  const system = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : null;
  return browser && system ? `${browser}, ${system}` : (browser ?? system ?? userAgent.slice(0, 40));
}

/** Every signed-in device of the user, this one first; any other can be signed out. */
function Devices() {
  const { t, i18n } = useTranslation();
  const sessions = useSessions();
  const revoke = useRevokeSession();
  const id = useId();
  const others = sessions.data?.filter((session) => !session.current) ?? [];
  const row = (session: SessionInfo) => {
    const name = deviceName(session.userAgent, t('auth.security.unknownDevice'));
    return (
      <li key={session.id} className="security__device" data-testid="device-row">
        <div className="security__device-text">
          <span className="security__device-name">
            {name}
            {session.current && <span className="security__this"> · {t('auth.security.thisDevice')}</span>}
          </span>
          <span className="muted security__device-meta">
            {t('auth.security.signedInAt', { when: formatTimestamp(session.createdAt, i18n.language) })}
            {session.lastSeenAt && <>, {t('auth.security.lastSeen', { when: formatRelative(session.lastSeenAt, i18n.language) })}</>}
            {session.ip && <> · {session.ip}</>}
            {session.secondFactor && <> · {t('auth.security.withSecondFactor')}</>}
          </span>
        </div>
        {!session.current && (
          <button
            type="button"
            className="button button--ghost button--small"
            aria-label={t('auth.security.revokeLabel', { device: name })}
            disabled={revoke.isPending && revoke.variables === session.id}
            onClick={() => revoke.mutate(session.id)}
            data-testid="device-revoke"
          >
            {t('auth.security.revoke')}
          </button>
        )}
      </li>
    );
  };
  return (
    <section className="security__panel" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('auth.security.devicesTitle')}</h2>
      <FormError as="p" message={revoke.isError ? t('auth.security.revokeFailed') : undefined} />
      {sessions.isPending ? (
        <p className="muted" role="status">
          {t('app.loading')}
        </p>
      ) : sessions.isError ? (
        <RetryNotice message={t('auth.security.loadFailed')} onRetry={() => void sessions.refetch()} />
      ) : (
        <>
          <ul className="security__devices">{sessions.data.filter((session) => session.current).map(row)}</ul>
          {others.length === 0 ? (
            <p className="muted">{t('auth.security.devicesEmpty')}</p>
          ) : (
            <ul className="security__devices">{others.map(row)}</ul>
          )}
        </>
      )}
    </section>
  );
}
