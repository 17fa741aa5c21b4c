import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate } from 'react-router-dom';
import AuthShell from '../components/AuthShell';
import FullPageSpin from '../components/FullPageSpin';
import { Alert, Button, TextField } from '../components/light/ui';
import { toast, useLightReportError } from '../components/light/toast';
import { authApi } from '../api/auth';
import { useTitle } from '../hooks/useTitle';
import { useSession } from '../session/useSession';

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}
type Errors = Partial<Record<keyof Values, string>>;

/** Same rule as the server: at least 8 characters, letters and digits. */
export function passwordMeetsRule(p: string): boolean {
  return p.length >= 8 && /[A-Za-z]/.test(p) && /\d/.test(p);
}

// Every role changes its password here (students on their first sign-in), so the page is light.
export default function ChangePasswordPage() {
  const { t } = useTranslation();
  const { state, refresh, signOut } = useSession();
  const navigate = useNavigate();
  const reportError = useLightReportError();
  const formRef = useRef<HTMLFormElement>(null);
  const [values, setValues] = useState<Values>({ currentPassword: '', newPassword: '', confirm: '' });
  const [errors, setErrors] = useState<Errors>({});
  const [busy, setBusy] = useState(false);
  useTitle(t('changePassword.title'));

  if (state.status === 'loading') return <FullPageSpin />;
  if (state.status !== 'signed-in') return <Navigate to="/login" replace />;
  if (state.session.user.secondFactor === 'enrol') return <Navigate to="/two-factor-setup" replace />;
  if (state.session.user.secondFactor) return <Navigate to="/login" replace />;
  const forced = state.session.user.mustChangePassword;

  const validate = (v: Values): Errors => ({
    currentPassword: v.currentPassword ? undefined : t('common.required', { field: t('changePassword.current') }),
    newPassword: !v.newPassword
      ? t('common.required', { field: t('changePassword.next') })
      : !passwordMeetsRule(v.newPassword)
        ? t('changePassword.ruleError')
        : v.newPassword === v.currentPassword
          ? t('changePassword.sameAsCurrent')
          : undefined,
    confirm: !v.confirm
      ? t('common.required', { field: t('changePassword.confirm') })
      : v.confirm !== v.newPassword
        ? t('changePassword.mismatch')
        : undefined,
  });

  const set = (name: keyof Values, value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
    setErrors((e) => ({ ...e, [name]: undefined }));
  };

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const invalid = validate(values);
    setErrors(invalid);
    if (Object.values(invalid).some(Boolean)) {
      requestAnimationFrame(() => formRef.current?.querySelector<HTMLInputElement>('[aria-invalid="true"]')?.focus());
      return;
    }
    setBusy(true);
    try {
      await authApi.changePassword(values.currentPassword, values.newPassword);
      await refresh();
      toast.success(t('changePassword.success'));
      void navigate('/', { replace: true });
    } catch (err) {
      setErrors(reportError(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthShell>
      <section className="yx-auth-card">
        <h1 className="yx-title" style={{ fontSize: 24, marginTop: 0 }}>
          {t('changePassword.title')}
        </h1>
        {forced && (
          <Alert type="info" role="status" title={t('changePassword.forcedNotice')} style={{ marginBottom: 16 }} />
        )}
        <form ref={formRef} noValidate onSubmit={(e) => void onSubmit(e)}>
          <fieldset disabled={busy} className="yx-fieldset">
            <TextField
              name="currentPassword"
              password
              label={t('changePassword.current')}
              error={errors.currentPassword}
              autoComplete="current-password"
              data-testid="current-password"
              value={values.currentPassword}
              onChange={(e) => set('currentPassword', e.target.value)}
            />
            <TextField
              name="newPassword"
              password
              label={t('changePassword.next')}
              help={t('changePassword.rule')}
              error={errors.newPassword}
              autoComplete="new-password"
              data-testid="new-password"
              value={values.newPassword}
              onChange={(e) => set('newPassword', e.target.value)}
            />
            <TextField
              name="confirm"
              password
              label={t('changePassword.confirm')}
              error={errors.confirm}
              autoComplete="new-password"
              data-testid="confirm-password"
              value={values.confirm}
              onChange={(e) => set('confirm', e.target.value)}
            />
            <div className="yx-row" style={{ gap: 8, flexWrap: 'wrap' }}>
              <Button variant="primary" type="submit" loading={busy} data-testid="change-password-submit">
                {t('changePassword.submit')}
              </Button>
              {forced ? (
                <Button onClick={() => void signOut(false)}>{t('layout.signOut')}</Button>
              ) : (
                <Button onClick={() => void navigate(-1)}>{t('common.back')}</Button>
              )}
            </div>
          </fieldset>
        </form>
      </section>
    </AuthShell>
  );
}
