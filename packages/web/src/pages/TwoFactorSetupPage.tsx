import { useEffect, useRef, useState } from 'react';
import { Alert, Button, Card, Flex, Form, Input, QRCode, Spin, Typography } from 'antd';
import { SafetyOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router-dom';
import AuthShell from '../components/AuthShell';
import FullPageSpin from '../components/FullPageSpin';
import { authApi } from '../api/auth';
import type { Session } from '../api/types';
import { useReportError } from '../hooks/useReportError';
import { useTitle } from '../hooks/useTitle';
import { useSession } from '../session/useSession';

/**
 * Setting up an authenticator (TOTP): a QR code and the key to type by hand, a first code to prove it,
 * then the recovery codes, shown once. Staff who must use a second factor land here right after their
 * password and can do nothing else until it is done.
 */
export default function TwoFactorSetupPage() {
  const { t } = useTranslation();
  const { state, adoptSession, signOut } = useSession();
  const navigate = useNavigate();
  const reportError = useReportError();
  const [form] = Form.useForm<{ code: string }>();
  const [enrolment, setEnrolment] = useState<{ secret: string; otpauthUri: string } | null>(null);
  const [done, setDone] = useState<(Session & { recoveryCodes: string[] }) | null>(null);
  const [busy, setBusy] = useState(false);
  // One key per visit: a second request would replace the key the QR code already shows.
  const begun = useRef(false);
  useTitle(t('security.setupTitle'));
  const owes = state.status === 'signed-in' ? state.session.user.secondFactor : undefined;

  useEffect(() => {
    if (owes !== 'enrol' || begun.current) return;
    begun.current = true;
    authApi.beginEnrolment().then(setEnrolment, (e: unknown) => reportError(e));
  }, [owes, reportError]);

  if (state.status === 'loading') return <FullPageSpin />;
  if (state.status !== 'signed-in') return <Navigate to="/login" replace />;
  if (!done && owes !== 'enrol') return <Navigate to="/" replace />;

  const onFinish = async ({ code }: { code: string }) => {
    setBusy(true);
    try {
      setDone(await authApi.confirmEnrolment(code.trim()));
    } catch (e) {
      reportError(e, form);
      form.setFieldValue('code', '');
    } finally {
      setBusy(false);
    }
  };

  if (done) {
    return (
      <AuthShell>
        <Card variant="borderless">
          <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
            {t('security.recoveryTitle')}
          </Typography.Title>
          <Alert type="warning" showIcon title={t('security.recoveryIntro')} style={{ marginBottom: 16 }} />
          <ol className="yx-mono" data-testid="recovery-codes" style={{ columns: 2, fontSize: 16, lineHeight: 1.9 }}>
            {done.recoveryCodes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ol>
          <Flex gap={8} wrap>
            <Typography.Text
              copyable={{ text: done.recoveryCodes.join('\n'), tooltips: [t('security.copy'), t('security.copied')] }}
            >
              {t('security.copy')}
            </Typography.Text>
          </Flex>
          <Button
            type="primary"
            size="large"
            block
            style={{ marginTop: 16 }}
            data-testid="recovery-done"
            onClick={() => {
              const { recoveryCodes: _shownOnce, ...session } = done;
              adoptSession(session);
              void navigate('/', { replace: true });
            }}
          >
            {t('security.recoveryDone')}
          </Button>
        </Card>
      </AuthShell>
    );
  }

  return (
    <AuthShell>
      <Card variant="borderless">
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
          {t('security.setupTitle')}
        </Typography.Title>
        <Alert type="info" showIcon title={t('security.setupIntro')} style={{ marginBottom: 16 }} />
        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {t('security.setupScan')}
        </Typography.Title>
        {enrolment ? (
          <Flex vertical align="center" gap={8} style={{ marginBottom: 16 }}>
            <QRCode
              value={enrolment.otpauthUri}
              size={200}
              bordered={false}
              aria-label={t('security.qrLabel')}
              data-testid="totp-qr"
            />
            <Typography.Text>{t('security.setupManual')}</Typography.Text>
            <Typography.Text
              className="yx-mono"
              copyable={{ tooltips: [t('security.copy'), t('security.copied')] }}
              data-testid="totp-secret"
              aria-label={t('security.setupManualLabel')}
            >
              {enrolment.secret}
            </Typography.Text>
          </Flex>
        ) : (
          <Flex justify="center" style={{ margin: 24 }}>
            <Spin tip={t('security.setupLoading')}>
              <div style={{ width: 200, height: 40 }} />
            </Spin>
          </Flex>
        )}
        <Typography.Title level={2} style={{ fontSize: 16 }}>
          {t('security.setupCode')}
        </Typography.Title>
        <Form<{ code: string }> form={form} layout="vertical" requiredMark={false} onFinish={onFinish} disabled={busy}>
          <Form.Item
            name="code"
            label={t('security.code')}
            rules={[{ required: true, whitespace: true, message: t('common.required', { field: t('security.code') }) }]}
          >
            <Input
              prefix={<SafetyOutlined aria-hidden />}
              autoComplete="one-time-code"
              inputMode="numeric"
              maxLength={6}
              size="large"
              data-testid="totp-confirm-code"
            />
          </Form.Item>
          <Button
            type="primary"
            htmlType="submit"
            size="large"
            block
            loading={busy}
            disabled={!enrolment}
            data-testid="totp-confirm"
          >
            {t('security.setupConfirm')}
          </Button>
        </Form>
        <Button type="link" style={{ marginTop: 12, paddingInline: 0 }} onClick={() => void signOut()}>
          {t('security.signOut')}
        </Button>
      </Card>
    </AuthShell>
  );
}
