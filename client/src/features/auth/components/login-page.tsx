import type { TFunction } from 'i18next';
import { type FormEvent, type Ref, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { isApiError } from '../../../lib/api/api-client.ts';
import { useAuthToken } from '../../../lib/auth/auth-store.ts';
import { useLogin } from '../hooks/use-auth.ts';
import { LanguageSwitch } from './language-switch.tsx';
import '../auth.css';

/** `/login`. */
export function LoginPage() {
  const { t } = useTranslation();
  const token = useAuthToken();
  const navigate = useNavigate();
  const location = useLocation();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState(false);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const from = (location.state as { from?: string } | null)?.from ?? '/';

  if (token && !login.isPending) return <Navigate to={from} replace />;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    // An empty field is said here, not sent to the server.
    const empty = !email.trim() ? emailRef.current : !password ? passwordRef.current : null;
    setMissing(empty !== null);
    if (empty) {
      login.reset();
      empty.focus();
      return;
    }
    login.mutate({ email: email.trim().toLowerCase(), password }, { onSuccess: () => navigate(from, { replace: true }) });
  };

  const fields = [
    { kind: 'email', ref: emailRef, value: email, onValue: setEmail, empty: !email.trim() },
    { kind: 'password', ref: passwordRef, value: password, onValue: setPassword, empty: !password },
  ] as const;
  const error = missing ? t('auth.required') : login.error ? loginErrorText(login.error, t) : null;

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
          {fields.map(({ kind, empty, ...field }) => (
            <LoginField key={kind} kind={kind} label={t(`auth.${kind}`)} {...field} missing={missing && empty} />
          ))}
          <button type="submit" className="button button--primary button--block" data-testid="login-submit" disabled={login.isPending}>
            {login.isPending ? t('auth.submitting') : t('auth.submit')}
          </button>
        </form>
      </div>
    </main>
  );
}

/** What the browser may fill each field with. */
const AUTOCOMPLETE = { email: 'username', password: 'current-password' } as const;

/** One field of the form, its label above it; `missing` marks it when it was left empty. */
function LoginField(props: {
  kind: 'email' | 'password';
  label: string;
  ref: Ref<HTMLInputElement>;
  value: string;
  onValue: (value: string) => void;
  missing: boolean;
}) {
  const { kind, label, ref, value, onValue, missing } = props;
  const id = `login-${kind}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={kind}
        type={kind}
        autoComplete={AUTOCOMPLETE[kind]}
        required
        ref={ref}
        aria-invalid={missing ? true : undefined}
        value={value}
        onChange={(e) => onValue(e.target.value)}
        data-testid={id}
      />
    </div>
  );
}

/** The sign-in error in the UI language, by the server's code; a refusal says how long to wait. */
function loginErrorText(error: unknown, t: TFunction): string {
  if (isApiError(error, 429)) return t('auth.rateLimited', { count: error.body.retryAfter ?? 60 });
  if (isApiError(error, 503)) return t('auth.busy');
  if (isApiError(error, 401) || isApiError(error, 400)) return t('auth.invalid');
  return t('auth.failed');
}
