import { useEffect, useState, type ReactNode } from 'react';
import { Alert, Button, Form, Input, Segmented } from 'antd';
import { KeyOutlined, LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
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
        showIcon
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
        showIcon
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
  return (
    <Alert type="error" showIcon title={t('login.failedTitle')} description={error.detail} data-testid="login-error" />
  );
}

/** The second step for staff who use an authenticator: a TOTP code, or one of their recovery codes. */
function CodeStep() {
  const { t } = useTranslation();
  const { adoptSession, signOut } = useSession();
  const [form] = Form.useForm<{ code: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [wait, setWait] = useCountdown();
  useTitle(t('security.codeTitle'));

  const onFinish = async ({ code }: { code: string }) => {
    setBusy(true);
    setError(null);
    try {
      adoptSession(await authApi.verifyCode(code.trim()));
    } catch (e) {
      if (!isApiError(e)) throw e;
      setError(e);
      if (e.retryAfter) setWait(e.retryAfter);
      form.setFieldValue('code', '');
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
                showIcon
                title={t('security.codeFailedTitle')}
                description={error.errors[0]?.message ?? error.detail}
                data-testid="login-error"
              />
            ))}
        </div>
        <Form<{ code: string }> form={form} layout="vertical" requiredMark={false} onFinish={onFinish} disabled={busy}>
          <Form.Item
            name="code"
            label={t('security.code')}
            extra={t('security.codeHelp')}
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('security.code') }) }]}
          >
            <Input
              prefix={<SafetyOutlined aria-hidden />}
              placeholder={t('security.codePlaceholder')}
              autoComplete="one-time-code"
              size="large"
              maxLength={20}
              data-testid="login-code"
              autoFocus
            />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            block
            loading={busy}
            disabled={wait > 0}
            data-testid="login-code-submit"
          >
            {wait > 0 ? `${t('security.codeSubmit')} (${wait})` : t('security.codeSubmit')}
          </Button>
        </Form>
        <Button type="link" style={{ marginTop: 12, paddingInline: 0 }} onClick={() => void signOut()}>
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

interface CodeFields {
  code: string;
  birthDate?: string;
}

/**
 * A student's screening code from the printed slip: it opens that one questionnaire and nothing else, so
 * the student needs no password on a screening day.
 */
function ScreeningCodeForm({ initialCode }: { initialCode: string }) {
  const { t } = useTranslation();
  const { signInWithCode } = useSession();
  const [form] = Form.useForm<CodeFields>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [wait, setWait] = useCountdown();
  const [askBirthDate, setAskBirthDate] = useState(false);

  const onFinish = async ({ code, birthDate }: CodeFields) => {
    setBusy(true);
    setError(null);
    try {
      await signInWithCode(code.trim(), birthDate?.trim() || undefined);
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
      <Form<CodeFields>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={onFinish}
        disabled={busy}
        initialValues={{ code: initialCode }}
      >
        <Form.Item
          name="code"
          label={t('login.screeningCode')}
          extra={t('login.screeningCodeHelp')}
          rules={[
            { required: true, whitespace: true, message: t('common.required', { field: t('login.screeningCode') }) },
          ]}
        >
          <Input
            prefix={<KeyOutlined aria-hidden />}
            placeholder={t('login.screeningCodePlaceholder')}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            size="large"
            maxLength={64}
            data-testid="login-screening-code"
            autoFocus
          />
        </Form.Item>
        {askBirthDate && (
          <Form.Item
            name="birthDate"
            label={t('login.birthDate')}
            extra={t('login.birthDateHelp')}
            rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/, message: t('login.birthDateFormat') }]}
          >
            <Input placeholder="2012-03-01" inputMode="numeric" size="large" data-testid="login-birth-date" />
          </Form.Item>
        )}
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          block
          loading={busy}
          disabled={wait > 0}
          data-testid="login-screening-code-submit"
        >
          {wait > 0 ? `${t('login.screeningCodeSubmit')} (${wait})` : t('login.screeningCodeSubmit')}
        </Button>
      </Form>
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
          block
          value={method}
          onChange={onMethod}
          style={{ marginBottom: 20 }}
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
  const [form] = Form.useForm<Credentials>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [wait, setWait] = useCountdown();
  const expired = (location.state as { reason?: string } | null)?.reason === 'expired';

  const onFinish = async ({ username, password }: Credentials) => {
    setBusy(true);
    setError(null);
    try {
      await signIn(username.trim(), password);
      // GuestOnly sends the user on once the session is set.
    } catch (e) {
      if (isApiError(e)) {
        setError(e);
        if (e.kind === 'rate-limited' || e.kind === 'signin-delayed') setWait(e.retryAfter ?? 60);
        if (e.errors.length)
          form.setFields(
            e.errors.map((fe) => ({
              name: String(pointerToNamePath(fe.field)[0] ?? '') as keyof Credentials,
              errors: [fe.message],
            })),
          );
        if (e.kind === 'invalid-credentials') form.setFieldValue('password', '');
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
          expired && <Alert type="info" showIcon title={t('errors.sessionExpired')} />
        )}
      </div>

      <Form<Credentials> form={form} layout="vertical" requiredMark={false} onFinish={onFinish} disabled={busy}>
        <Form.Item
          name="username"
          label={t('login.username')}
          extra={t('login.usernameHelp')}
          rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('login.username') }) }]}
        >
          <Input
            prefix={<UserOutlined aria-hidden />}
            placeholder={t('login.usernamePlaceholder')}
            autoComplete="username"
            size="large"
            data-testid="login-username"
            autoFocus
          />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('login.password')}
          rules={[{ required: true, message: t('common.required', { field: t('login.password') }) }]}
        >
          <Input.Password
            prefix={<LockOutlined aria-hidden />}
            placeholder={t('login.passwordPlaceholder')}
            autoComplete="current-password"
            size="large"
            data-testid="login-password"
          />
        </Form.Item>
        <Button
          type="primary"
          htmlType="submit"
          size="large"
          block
          loading={busy}
          disabled={wait > 0}
          data-testid="login-submit"
        >
          {wait > 0 ? `${t('login.submit')} (${wait})` : t('login.submit')}
        </Button>
      </Form>
    </>
  );
}
