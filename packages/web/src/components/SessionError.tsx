import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../session/useSession';

/** The session could not be loaded (server unreachable or failing): say so and offer a retry. */
export default function SessionError({ message }: { message: string }) {
  const { t } = useTranslation();
  const { refresh } = useSession();
  return (
    <main>
      <Result
        status="warning"
        title={t('errors.loadFailed')}
        subTitle={message}
        extra={<Button onClick={() => void refresh()}>{t('common.retry')}</Button>}
      />
    </main>
  );
}
