import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router-dom';
import { isApiError } from '../api/problem';
import { useTitle } from '../hooks/useTitle';

export function ForbiddenResult() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  useTitle(t('errors.forbiddenTitle'));
  return (
    <Result
      status="403"
      title={<h1 style={{ fontSize: 22, margin: 0 }}>{t('errors.forbiddenTitle')}</h1>}
      subTitle={t('errors.forbiddenText')}
      extra={
        <Button type="primary" onClick={() => navigate('/')}>
          {t('common.backHome')}
        </Button>
      }
    />
  );
}

export function NotFoundResult({
  title,
  text,
  back,
}: {
  title?: string;
  text?: string;
  back?: { to: string; label: string };
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const heading = title ?? t('notFound.title');
  useTitle(heading);
  const target = back ?? { to: '/', label: t('common.backHome') };
  return (
    <Result
      status="404"
      title={<h1 style={{ fontSize: 22, margin: 0 }}>{heading}</h1>}
      subTitle={text ?? t('notFound.text')}
      extra={
        <Button type="primary" onClick={() => navigate(target.to)}>
          {target.label}
        </Button>
      }
    />
  );
}

/** A failed load, with the server's message and a retry button. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const detail = isApiError(error) ? error.detail : t('errors.unexpected');
  return (
    <Result
      status="warning"
      title={t('errors.loadFailed')}
      subTitle={detail}
      extra={onRetry ? <Button onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}
