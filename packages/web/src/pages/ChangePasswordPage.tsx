import { useState } from 'react';
import { Alert, App, Button, Card, Flex, Form, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router-dom';
import AuthShell from '../components/AuthShell';
import FullPageSpin from '../components/FullPageSpin';
import { authApi } from '../api/auth';
import { useReportError } from '../hooks/useReportError';
import { useTitle } from '../hooks/useTitle';
import { useSession } from '../session/useSession';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

/** Same rule as the server: at least 8 characters, letters and digits. */
export function passwordMeetsRule(p: string): boolean {
  return p.length >= 8 && /[A-Za-z]/.test(p) && /\d/.test(p);
}

export default function ChangePasswordPage() {
  const { t } = useTranslation();
  const { state, refresh, signOut } = useSession();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const reportError = useReportError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  useTitle(t('changePassword.title'));

  if (state.status === 'loading') return <FullPageSpin />;
  if (state.status !== 'signed-in') return <Navigate to="/login" replace />;
  if (state.session.user.secondFactor === 'enrol') return <Navigate to="/two-factor-setup" replace />;
  if (state.session.user.secondFactor) return <Navigate to="/login" replace />;
  const forced = state.session.user.mustChangePassword;

  const onFinish = async (v: Values) => {
    setBusy(true);
    try {
      await authApi.changePassword(v.currentPassword, v.newPassword);
      await refresh();
      void message.success(t('changePassword.success'));
      void navigate('/', { replace: true });
    } catch (e) {
      reportError(e, form);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthShell>
      <Card variant="borderless">
        <Typography.Title level={1} style={{ fontSize: 24, marginTop: 0 }}>
          {t('changePassword.title')}
        </Typography.Title>
        {forced && <Alert type="info" showIcon title={t('changePassword.forcedNotice')} style={{ marginBottom: 16 }} />}
        <Form<Values> form={form} layout="vertical" requiredMark={false} onFinish={onFinish} disabled={busy}>
          <Form.Item
            name="currentPassword"
            label={t('changePassword.current')}
            rules={[{ required: true, message: t('common.required', { field: t('changePassword.current') }) }]}
          >
            <Input.Password autoComplete="current-password" data-testid="current-password" />
          </Form.Item>
          <Form.Item
            name="newPassword"
            label={t('changePassword.next')}
            extra={t('changePassword.rule')}
            dependencies={['currentPassword']}
            rules={[
              { required: true, message: t('common.required', { field: t('changePassword.next') }) },
              {
                validator: (_, v: string | undefined) =>
                  !v || passwordMeetsRule(v)
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('changePassword.ruleError'))),
              },
              ({ getFieldValue }) => ({
                validator: (_, v: string | undefined) =>
                  !v || v !== getFieldValue('currentPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('changePassword.sameAsCurrent'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="new-password" />
          </Form.Item>
          <Form.Item
            name="confirm"
            label={t('changePassword.confirm')}
            dependencies={['newPassword']}
            rules={[
              { required: true, message: t('common.required', { field: t('changePassword.confirm') }) },
              ({ getFieldValue }) => ({
                validator: (_, v: string | undefined) =>
                  !v || v === getFieldValue('newPassword')
                    ? Promise.resolve()
                    : Promise.reject(new Error(t('changePassword.mismatch'))),
              }),
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="confirm-password" />
          </Form.Item>
          <Flex gap={8} wrap>
            <Button type="primary" htmlType="submit" loading={busy} data-testid="change-password-submit">
              {t('changePassword.submit')}
            </Button>
            {forced ? (
              <Button onClick={() => void signOut(false)}>{t('layout.signOut')}</Button>
            ) : (
              <Button onClick={() => navigate(-1)}>{t('common.back')}</Button>
            )}
          </Flex>
        </Form>
      </Card>
    </AuthShell>
  );
}
