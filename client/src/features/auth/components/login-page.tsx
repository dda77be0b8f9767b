import type { MfaChallenge } from '@sidang/shared';
import type { TFunction } from 'i18next';
import { type FormEvent, lazy, type Ref, Suspense, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useLocation, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../../../lib/api/api-client.ts';
import { useAuthToken } from '../../../lib/auth/auth-store.ts';
import { isMfaChallenge, useCompleteSso, useLogin, useSsoConfig } from '../hooks/use-auth.ts';
import { LanguageSwitch } from './language-switch.tsx';
import '../auth.css';

// Only accounts with a second factor (or back from single sign-on) need these, with their strings.
const SecondFactorStep = lazy(() => import('./second-factor-step.tsx').then((m) => ({ default: m.SecondFactorStep })));
const SsoRefusal = lazy(() => import('./second-factor-step.tsx').then((m) => ({ default: m.SsoRefusal })));

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
  const [challenge, setChallenge] = useState<MfaChallenge | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const from = (location.state as { from?: string } | null)?.from ?? '/';
  const sso = useSsoConfig();
  const completeSso = useCompleteSso();
  const [params, setParams] = useSearchParams();
  const handoff = params.get('sso');
  const ssoError = params.get('sso_error');
  // Back from single sign-on: the hand-off becomes a session once, and leaves the address.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs once per hand-off.
  useEffect(() => {
    if (!handoff) return;
    setParams({}, { replace: true });
    completeSso.mutate(handoff, { onSuccess: () => navigate('/', { replace: true }) });
  }, [handoff]);

  if (token && !login.isPending && !completeSso.isPending) return <Navigate to={from} replace />;
  if (challenge)
    return (
      <LoginCard>
        <Suspense fallback={null}>
          <SecondFactorStep challenge={challenge} onRestart={() => setChallenge(null)} onDone={() => navigate(from, { replace: true })} />
        </Suspense>
      </LoginCard>
    );

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
    login.mutate(
      { email: email.trim().toLowerCase(), password },
      { onSuccess: (response) => (isMfaChallenge(response) ? setChallenge(response) : navigate(from, { replace: true })) },
    );
  };

  const fields = [
    { kind: 'email', ref: emailRef, value: email, onValue: setEmail, empty: !email.trim() },
    { kind: 'password', ref: passwordRef, value: password, onValue: setPassword, empty: !password },
  ] as const;
  const error = missing ? t('auth.required') : login.error ? loginErrorText(login.error, t) : null;
  const ssoRefused = !error && (ssoError || completeSso.isError) ? (ssoError ?? 'failed') : null;

  return (
    <LoginCard>
      <h1>{t('auth.title')}</h1>
      <p className="muted">{t('auth.subtitle')}</p>
      <form onSubmit={submit} className="form" noValidate>
        {error && (
          <p className="notice notice--error" role="alert" data-testid="login-error">
            {error}
          </p>
        )}
        {ssoRefused && (
          <Suspense fallback={null}>
            <SsoRefusal reason={ssoRefused} />
          </Suspense>
        )}
        {fields.map(({ kind, empty, ...field }) => (
          <LoginField key={kind} kind={kind} label={t(`auth.${kind}`)} {...field} missing={missing && empty} />
        ))}
        <button type="submit" className="button button--primary button--block" data-testid="login-submit" disabled={login.isPending}>
          {login.isPending ? t('auth.submitting') : t('auth.submit')}
        </button>
        {sso.data?.oidc && (
          <a className="button button--block" href="/api/auth/oidc/start" data-testid="login-sso">
            {t('auth.sso.button')}
          </a>
        )}
      </form>
    </LoginCard>
  );
}

/** The sign-in page's frame: brand, language, and the step shown. */
function LoginCard({ children }: { children: React.ReactNode }) {
  return (
    <main id="main" className="login" tabIndex={-1}>
      <div className="login__card">
        <div className="login__top">
          <p className="brand brand--large" aria-hidden="true">
            Sidang
          </p>
          <LanguageSwitch persist={false} />
        </div>
        {children}
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
