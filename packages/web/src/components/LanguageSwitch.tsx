import { GlobalOutlined } from '@ant-design/icons-svg';
import { useTranslation } from 'react-i18next';
import { currentLocale } from '../i18n';
import { switchLocale } from '../session/locale';
import { useSession } from '../session/useSession';
import { Button } from './light/ui';

/** One button that switches between 中文 and English (the two UI languages). */
export default function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const { session } = useSession();
  const target = currentLocale() === 'en' ? 'zh-CN' : 'en';
  const targetName = target === 'en' ? t('lang.en') : t('lang.zh');
  void i18n.language; // re-render on language change

  return (
    <Button
      variant="text"
      icon={GlobalOutlined}
      data-testid="lang-switch"
      aria-label={`${t('lang.switchTo')} ${targetName}`}
      onClick={() => switchLocale(target, session)}
    >
      <span lang={target}>{targetName}</span>
    </Button>
  );
}
