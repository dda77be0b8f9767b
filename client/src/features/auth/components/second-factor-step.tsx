import type { MfaChallenge } from '@sidang/shared';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api/api-client.ts';
import { usePasskeySignIn, useVerifyMfa } from '../hooks/use-auth.ts';
import '../load-sign-in-strings.ts';

/** Why single sign-on sent the person back without a session. */
export function SsoRefusal({ reason }: { reason: string }) {
  const { t } = useTranslation();
  const key = reason === 'unverified' ? 'auth.sso.unverified' : reason === 'unknown' ? 'auth.sso.unknown' : 'auth.sso.failed';
  return (
    <p className="notice notice--error" role="alert" data-testid="login-error">
      {t(key)}
    </p>
  );
}

/** After a right password, for an account with a second factor: an authenticator code or a recovery code. */
export function SecondFactorStep({ challenge, onRestart, onDone }: { challenge: MfaChallenge; onRestart: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const verify = useVerifyMfa();
  const passkey = usePasskeySignIn();
  const [code, setCode] = useState('');
  const [empty, setEmpty] = useState(false);
  const expired = isApiError(verify.error, 401) && verify.error.body.code === 'unauthorized';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setEmpty(!code.trim());
    if (!code.trim()) return;
    verify.mutate({ mfaToken: challenge.mfaToken, code: code.trim() }, { onSuccess: onDone });
  };
  const error = empty
    ? t('auth.mfa.required')
    : expired
      ? t('auth.mfa.expired')
      : isApiError(verify.error, 401)
        ? t('auth.mfa.wrong')
        : verify.error
          ? t('auth.failed')
          : null;
  return (
    <>
      <h1>{t('auth.mfa.title')}</h1>
      <p className="muted">{challenge.methods.includes('totp') ? t('auth.mfa.intro') : t('auth.mfa.introRecovery')}</p>
      <form onSubmit={submit} className="form" noValidate>
        {error && (
          <p className="notice notice--error" role="alert" data-testid="mfa-error">
            {error}
          </p>
        )}
        <div className="field">
          <label htmlFor="login-code">{t('auth.mfa.code')}</label>
          <input
            id="login-code"
            name="code"
            autoComplete="one-time-code"
            autoCapitalize="none"
            spellCheck={false}
            required
            aria-invalid={error ? true : undefined}
            value={code}
            onChange={(e) => setCode(e.target.value)}
            data-testid="login-code"
            // biome-ignore lint/a11y/noAutofocus: the one field of this step, reached right after the password.
            autoFocus
          />
        </div>
        <button
          type="submit"
          className="button button--primary button--block"
          data-testid="login-verify"
          disabled={verify.isPending || expired}
        >
          {verify.isPending ? t('auth.submitting') : t('auth.mfa.submit')}
        </button>
        {challenge.methods.includes('passkey') && (
          <button
            type="button"
            className="button button--block"
            disabled={passkey.isPending}
            onClick={() => passkey.mutate(challenge.mfaToken, { onSuccess: onDone })}
            data-testid="login-passkey"
          >
            {t('auth.mfa.usePasskey')}
          </button>
        )}
        {passkey.isError && (
          <p className="notice notice--error" role="alert" data-testid="passkey-error">
            {t('auth.mfa.passkeyFailed')}
          </p>
        )}
        <button type="button" className="button button--ghost button--block" onClick={onRestart}>
          {t('auth.mfa.restart')}
        </button>
      </form>
    </>
  );
}
