import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { KeyOutlined, LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons-svg';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router-dom';
import AuthShell from '../components/AuthShell';
import TiersPanel from '../components/TiersPanel';
import { authApi } from '../api/auth';
import { isApiError, pointerToNamePath, type ApiError } from '../api/problem';
import { currentLocale } from '../i18n';
import { formatDateTime } from '../lib/format';
import { useTitle } from '../hooks/useTitle';
import { useSession } from '../session/useSession';
import { Alert, Button, Segmented, TextField } from '../components/light/ui';

// The sign-in page serves every role and is the first thing a student's phone loads: built from the light
// components (no Ant Design), its forms are plain React state.

/** The first field's error wins the focus, so a screen reader hears what to fix. */
function focusFirstInvalid(form: HTMLFormElement | null) {
  requestAnimationFrame(() => form?.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus());
}

interface Credentials {
  username: string;
  password: string;
}

/** Seconds left before a rate-limited user may try again. */
function useCountdown(): [number, (s: number) => void] {
  const [left, setLeft] = useState(0);
  useEffect(() => {
    if (left <= 0) return;
    const id = setTimeout(() => setLeft((n) => n - 1), 1000);
    return () => clearTimeout(id);
  }, [left]);
  return [left, setLeft];
}

function ProblemAlert({ error, waitSeconds }: { error: ApiError; waitSeconds: number }) {
  const { t } = useTranslation();
  if (error.kind === 'account-locked') {
    return (
      <Alert
        type="error"
        title={t('login.lockedTitle')}
        description={
          <>
            <div>{error.detail}</div>
            {/* The contract says how long to wait, not until when: the hint turns it into a time. */}
            {error.retryAfter !== undefined && (
              <div>
                {t('login.lockedUntil', {
                  time: formatDateTime(new Date(Date.now() + error.retryAfter * 1000).toISOString(), currentLocale()),
                })}
              </div>
            )}
          </>
        }
        data-testid="login-error"
      />
    );
  }
  if (error.kind === 'rate-limited' || error.kind === 'signin-delayed') {
    return (
      <Alert
        type="warning"
        title={error.kind === 'signin-delayed' ? t('security.delayedTitle') : t('login.rateLimitedTitle')}
        description={
          <>
            <div>{error.detail}</div>
            {waitSeconds > 0 && <div>{t('login.retryAfter', { seconds: waitSeconds })}</div>}
          </>
        }
        data-testid="login-error"
      />
    );
  }
  return <Alert type="error" title={t('login.failedTitle')} description={error.detail} data-testid="login-error" />;
}

/** The second step for staff who use an authenticator: a TOTP code, or one of their recovery codes. */
function CodeStep() {
  const { t } = useTranslation();
  const { adoptSession, signOut } = useSession();
  const formRef = useRef<HTMLFormElement>(null);
  const [code, setCode] = useState('');
  const [fieldError, setFieldError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [wait, setWait] = useCountdown();
  useTitle(t('security.codeTitle'));

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (!code.trim()) {
      setFieldError(t('common.required', { field: t('security.code') }));
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      adoptSession(await authApi.verifyCode(code.trim()));
    } catch (e) {
      if (!isApiError(e)) throw e;
      setError(e);
      if (e.retryAfter) setWait(e.retryAfter);
      setCode('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthShell aside={<TiersPanel />}>
      <section className="yx-auth-card">
        <h1 className="yx-title" style={{ fontSize: 24, marginTop: 0, marginBottom: 12 }}>
          {t('security.codeTitle')}
        </h1>
        <p className="yx-para">{t('security.codeIntro')}</p>
        <div aria-live="assertive" style={{ marginBottom: error ? 16 : 0 }}>
          {error &&
            (error.retryAfter ? (
              <ProblemAlert error={error} waitSeconds={wait} />
            ) : (
              <Alert
                type="error"
                title={t('security.codeFailedTitle')}
                description={error.errors[0]?.message ?? error.detail}
                data-testid="login-error"
              />
            ))}
        </div>
        <form ref={formRef} noValidate onSubmit={(e) => void onSubmit(e)}>
          <fieldset disabled={busy} className="yx-fieldset">
            <TextField
              name="code"
              label={t('security.code')}
              help={t('security.codeHelp')}
              error={fieldError}
              icon={SafetyOutlined}
              placeholder={t('security.codePlaceholder')}
              autoComplete="one-time-code"
              size="large"
              maxLength={20}
              data-testid="login-code"
              autoFocus
              value={code}
              onChange={(e) => {
                setCode(e.target.value);
                setFieldError(null);
              }}
            />
            <Button
              variant="primary"
              type="submit"
              size="large"
              block
              loading={busy}
              disabled={wait > 0}
              data-testid="login-code-submit"
            >
              {wait > 0 ? `${t('security.codeSubmit')} (${wait})` : t('security.codeSubmit')}
            </Button>
          </fieldset>
        </form>
        <Button variant="link" style={{ marginTop: 12 }} onClick={() => void signOut()}>
          {t('security.signOut')}
        </Button>
      </section>
    </AuthShell>
  );
}

export default function LoginPage() {
  const { session } = useSession();
  if (session?.user.secondFactor === 'verify') return <CodeStep />;
  return <PasswordStep />;
}

/** A code in the address's fragment (`/login#code=…`, what a slip's QR code holds), read once. */
function codeFromFragment(): string {
  const match = /(?:^#|&)code=([^&]*)/.exec(window.location.hash);
  return match ? decodeURIComponent(match[1]!) : '';
}

/**
 * A student's screening code from the printed slip: it opens that one questionnaire and nothing else, so
 * the student needs no password on a screening day.
 */
function ScreeningCodeForm({ initialCode }: { initialCode: string }) {
  const { t } = useTranslation();
  const { signInWithCode } = useSession();
  const formRef = useRef<HTMLFormElement>(null);
  const [code, setCode] = useState(initialCode);
  const [birthDate, setBirthDate] = useState('');
  const [fieldErrors, setFieldErrors] = useState<{ code?: string; birthDate?: string }>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [wait, setWait] = useCountdown();
  const [askBirthDate, setAskBirthDate] = useState(false);

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const invalid = {
      code: code.trim() ? undefined : t('common.required', { field: t('login.screeningCode') }),
      birthDate:
        askBirthDate && birthDate.trim() && !/^\d{4}-\d{2}-\d{2}$/.test(birthDate.trim())
          ? t('login.birthDateFormat')
          : undefined,
    };
    setFieldErrors(invalid);
    if (invalid.code || invalid.birthDate) {
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signInWithCode(code.trim(), (askBirthDate && birthDate.trim()) || undefined);
      // GuestOnly sends the student on to the questionnaire once the session is set.
    } catch (e) {
      if (!isApiError(e)) throw e;
      setError(e);
      if (e.kind === 'rate-limited') setWait(e.retryAfter ?? 60);
      // The slip may also ask for the birth date; the answer cannot say which one was wrong.
      if (e.kind === 'invalid-credentials') setAskBirthDate(true);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <div aria-live="assertive" style={{ marginBottom: error ? 16 : 0 }}>
        {error && <ProblemAlert error={error} waitSeconds={wait} />}
      </div>
      <form ref={formRef} noValidate onSubmit={(e) => void onSubmit(e)}>
        <fieldset disabled={busy} className="yx-fieldset">
          <TextField
            name="code"
            label={t('login.screeningCode')}
            help={t('login.screeningCodeHelp')}
            error={fieldErrors.code}
            icon={KeyOutlined}
            placeholder={t('login.screeningCodePlaceholder')}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            size="large"
            maxLength={64}
            data-testid="login-screening-code"
            autoFocus
            value={code}
            onChange={(e) => {
              setCode(e.target.value);
              setFieldErrors((f) => ({ ...f, code: undefined }));
            }}
          />
          {askBirthDate && (
            <TextField
              name="birthDate"
              label={t('login.birthDate')}
              help={t('login.birthDateHelp')}
              error={fieldErrors.birthDate}
              placeholder="2012-03-01"
              inputMode="numeric"
              size="large"
              data-testid="login-birth-date"
              value={birthDate}
              onChange={(e) => {
                setBirthDate(e.target.value);
                setFieldErrors((f) => ({ ...f, birthDate: undefined }));
              }}
            />
          )}
          <Button
            variant="primary"
            type="submit"
            size="large"
            block
            loading={busy}
            disabled={wait > 0}
            data-testid="login-screening-code-submit"
          >
            {wait > 0 ? `${t('login.screeningCodeSubmit')} (${wait})` : t('login.screeningCodeSubmit')}
          </Button>
        </fieldset>
      </form>
    </>
  );
}

function PasswordStep() {
  // Read before the first render and then dropped from the address: it stays out of the history.
  const [initialCode] = useState(codeFromFragment);
  const [method, setMethod] = useState<'password' | 'code'>(initialCode ? 'code' : 'password');
  useEffect(() => {
    if (initialCode) window.history.replaceState(window.history.state, '', window.location.pathname);
  }, [initialCode]);
  return method === 'code' ? (
    <SignInShell method={method} onMethod={setMethod}>
      <ScreeningCodeForm initialCode={initialCode} />
    </SignInShell>
  ) : (
    <SignInShell method={method} onMethod={setMethod}>
      <PasswordForm />
    </SignInShell>
  );
}

function SignInShell({
  method,
  onMethod,
  children,
}: {
  method: 'password' | 'code';
  onMethod: (m: 'password' | 'code') => void;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  useTitle(t('login.title'));
  return (
    <AuthShell aside={<TiersPanel />}>
      <section className="yx-auth-card">
        <span style={{ color: 'rgba(0,0,0,0.68)' }}>{t('login.welcome')}</span>
        <h1 className="yx-title" style={{ fontSize: 24, marginTop: 4, marginBottom: 16 }}>
          {t('login.heading')}
        </h1>
        <Segmented<'password' | 'code'>
          value={method}
          onChange={onMethod}
          label={t('login.heading')}
          data-testid="login-method"
          options={[
            { value: 'password', label: t('login.methodPassword') },
            { value: 'code', label: t('login.methodCode') },
          ]}
        />
        {children}
        <p className="yx-para" style={{ marginTop: 16, marginBottom: 8, fontSize: 13, color: 'rgba(0,0,0,0.68)' }}>
          {method === 'code' ? t('login.screeningCodeForgot') : t('login.forgot')}
        </p>
        <p className="yx-para" style={{ marginBottom: 0, fontSize: 12, color: 'rgba(0,0,0,0.68)' }}>
          {t('login.privacy')}
        </p>
      </section>
    </AuthShell>
  );
}

function PasswordForm() {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const location = useLocation();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<Credentials>({ username: '', password: '' });
  const [fieldErrors, setFieldErrors] = useState<Partial<Record<keyof Credentials, string>>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [wait, setWait] = useCountdown();
  const expired = (location.state as { reason?: string } | null)?.reason === 'expired';

  const set = (name: keyof Credentials, value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
    setFieldErrors((f) => ({ ...f, [name]: undefined }));
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const { username, password } = values;
    const invalid = {
      username: username.trim() ? undefined : t('common.required', { field: t('login.username') }),
      password: password ? undefined : t('common.required', { field: t('login.password') }),
    };
    setFieldErrors(invalid);
    if (invalid.username || invalid.password) {
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
      // GuestOnly sends the user on once the session is set.
    } catch (e) {
      if (isApiError(e)) {
        setError(e);
        if (e.kind === 'rate-limited' || e.kind === 'signin-delayed') setWait(e.retryAfter ?? 60);
        const fromServer: Partial<Record<keyof Credentials, string>> = {};
        for (const fe of e.errors) {
          const name = String(pointerToNamePath(fe.field)[0] ?? '');
          if (name === 'username' || name === 'password') fromServer[name] = fe.message;
        }
        setFieldErrors(fromServer);
        if (e.kind === 'invalid-credentials') setValues((v) => ({ ...v, password: '' }));
      } else {
        setError(null);
        console.error(e);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <div aria-live="assertive" style={{ marginBottom: error || expired ? 16 : 0 }}>
        {error ? (
          <ProblemAlert error={error} waitSeconds={wait} />
        ) : (
          expired && <Alert type="info" role="status" title={t('errors.sessionExpired')} />
        )}
      </div>

      <form ref={formRef} noValidate onSubmit={(e) => void onSubmit(e)}>
        <fieldset disabled={busy} className="yx-fieldset">
          <TextField
            name="username"
            label={t('login.username')}
            help={t('login.usernameHelp')}
            error={fieldErrors.username}
            icon={UserOutlined}
            placeholder={t('login.usernamePlaceholder')}
            autoComplete="username"
            size="large"
            data-testid="login-username"
            autoFocus
            value={values.username}
            onChange={(e) => set('username', e.target.value)}
          />
          <TextField
            name="password"
            password
            label={t('login.password')}
            error={fieldErrors.password}
            icon={LockOutlined}
            placeholder={t('login.passwordPlaceholder')}
            autoComplete="current-password"
            size="large"
            data-testid="login-password"
            value={values.password}
            onChange={(e) => set('password', e.target.value)}
          />
          <Button
            variant="primary"
            type="submit"
            size="large"
            block
            loading={busy}
            disabled={wait > 0}
            data-testid="login-submit"
          >
            {wait > 0 ? `${t('login.submit')} (${wait})` : t('login.submit')}
          </Button>
        </fieldset>
      </form>
    </>
  );
}
