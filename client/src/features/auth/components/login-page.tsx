import type { TFunction } from 'i18next';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { isApiError } from '../../../lib/api/api-client.ts';
import { useAuthToken } from '../../../lib/auth/auth-store.ts';
import { useLogin } from '../hooks/use-auth.ts';
import { LanguageSwitch } from './language-switch.tsx';

/** `/login`. */
export function LoginPage() {
  const { t } = useTranslation();
  const token = useAuthToken();
  const navigate = useNavigate();
  const location = useLocation();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (token && !login.isPending) return <Navigate to={from} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate({ email: email.trim().toLowerCase(), password }, { onSuccess: () => navigate(from, { replace: true }) });
  };

  const error = login.error ? loginErrorText(login.error, t) : null;

  return (
    <main id="main" className="login" tabIndex={-1}>
      <div className="login__card">
        <div className="login__top">
          <p className="brand brand--large" aria-hidden="true">
            Sidang
          </p>
          <LanguageSwitch persist={false} />
        </div>
        <h1>{t('auth.title')}</h1>
        <p className="muted">{t('auth.subtitle')}</p>
        <form onSubmit={submit} className="form" noValidate>
          {error && (
            <p className="notice notice--error" role="alert" data-testid="login-error">
              {error}
            </p>
          )}
          <div className="field">
            <label htmlFor="login-email">{t('auth.email')}</label>
            <input
              id="login-email"
              name="email"
              type="email"
              autoComplete="username"
              required
              value={email}
              onChange={(e) => setEmail(e.target.value)}
              data-testid="login-email"
            />
          </div>
          <div className="field">
            <label htmlFor="login-password">{t('auth.password')}</label>
            <input
              id="login-password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              data-testid="login-password"
            />
          </div>
          <button type="submit" className="button button--primary button--block" data-testid="login-submit" disabled={login.isPending}>
            {login.isPending ? t('auth.submitting') : t('auth.submit')}
          </button>
        </form>
        <p className="login__hint">{t('auth.demoHint')}</p>
      </div>
    </main>
  );
}

/** The sign-in error in the UI language, by the server's code; a refusal says how long to wait. */
function loginErrorText(error: unknown, t: TFunction): string {
  if (isApiError(error, 429)) return t('auth.rateLimited', { count: error.body.retryAfter ?? 60 });
  if (isApiError(error, 503)) return t('auth.busy');
  if (isApiError(error, 401) || isApiError(error, 400)) return t('auth.invalid');
  return t('auth.failed');
}
