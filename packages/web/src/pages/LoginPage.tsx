import { useEffect, useState } from 'react';
import { Alert, Button, Form, Input } from 'antd';
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
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

function PasswordStep() {
  const { t } = useTranslation();
  const { signIn } = useSession();
  const location = useLocation();
  const [form] = Form.useForm<Credentials>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [wait, setWait] = useCountdown();
  const expired = (location.state as { reason?: string } | null)?.reason === 'expired';
  useTitle(t('login.title'));

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
    <AuthShell aside={<TiersPanel />}>
      <section className="yx-auth-card">
        <span style={{ color: 'rgba(0,0,0,0.68)' }}>{t('login.welcome')}</span>
        <h1 className="yx-title" style={{ fontSize: 24, marginTop: 4, marginBottom: 20 }}>
          {t('login.heading')}
        </h1>

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
            rules={[
              { required: true, whitespace: true, message: t('common.required', { field: t('login.username') }) },
            ]}
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
        <p className="yx-para" style={{ marginTop: 16, marginBottom: 8, fontSize: 13, color: 'rgba(0,0,0,0.68)' }}>
          {t('login.forgot')}
        </p>
        <p className="yx-para" style={{ marginBottom: 0, fontSize: 12, color: 'rgba(0,0,0,0.68)' }}>
          {t('login.privacy')}
        </p>
      </section>
    </AuthShell>
  );
}
