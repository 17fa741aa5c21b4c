import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/problem';
import { Alert, Button } from './ui';

/** A failed load, with the server's message and a retry button (the light twin of Results' LoadError). */
export default function LoadError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const detail = isApiError(error) ? error.detail : t('errors.unexpected');
  return (
    <Alert
      type="warning"
      title={t('errors.loadFailed')}
      description={
        <>
          <div>{detail}</div>
          {onRetry && (
            <Button style={{ marginTop: 12 }} onClick={onRetry}>
              {t('common.retry')}
            </Button>
          )}
        </>
      }
    />
  );
}
