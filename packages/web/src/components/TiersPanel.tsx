import { HeartOutlined, SafetyOutlined, TeamOutlined } from '@ant-design/icons-svg';
import { useTranslation } from 'react-i18next';
import BrandMark from './BrandMark';
import Icon from './light/Icon';

const tiers = [
  { key: 'tier1', icon: <Icon icon={TeamOutlined} /> },
  { key: 'tier2', icon: <Icon icon={HeartOutlined} /> },
  { key: 'tier3', icon: <Icon icon={SafetyOutlined} /> },
] as const;

/** The sign-in page's side panel: what the service is, in its three tiers. */
export default function TiersPanel() {
  const { t } = useTranslation();
  const white = { color: '#fff' };
  return (
    <aside
      aria-labelledby="yx-tiers-title"
      style={{
        boxSizing: 'border-box',
        height: '100%',
        maxWidth: 560,
        minHeight: '100vh',
        padding: '32px 40px',
        background: 'linear-gradient(160deg, #0f766e 0%, #115e59 60%, #134e4a 100%)',
        color: '#fff',
        display: 'flex',
        flexDirection: 'column',
        gap: 28,
      }}
    >
      <BrandMark inverse />
      <div style={{ marginTop: '6vh' }}>
        <h2 id="yx-tiers-title" className="yx-title" style={{ ...white, fontSize: 26, marginBottom: 12 }}>
          {t('login.panelTitle')}
        </h2>
        <p className="yx-para" style={{ ...white, fontSize: 15 }}>
          {t('login.panelIntro')}
        </p>
      </div>
      <ol style={{ listStyle: 'none', padding: 0, margin: 0, display: 'flex', flexDirection: 'column', gap: 20 }}>
        {tiers.map(({ key, icon }) => (
          <li key={key} style={{ display: 'flex', gap: 14 }}>
            <span
              style={{
                flex: '0 0 40px',
                height: 40,
                borderRadius: 20,
                background: 'rgba(255,255,255,0.16)',
                display: 'flex',
                alignItems: 'center',
                justifyContent: 'center',
                fontSize: 18,
              }}
            >
              {icon}
            </span>
            <span>
              <span style={{ ...white, fontSize: 16, fontWeight: 600, display: 'block' }}>
                {t(`login.${key}Title`)}
              </span>
              <span style={white}>{t(`login.${key}Text`)}</span>
            </span>
          </li>
        ))}
      </ol>
      <span style={{ ...white, fontSize: 12, marginTop: 'auto' }}>{t('login.privacy')}</span>
    </aside>
  );
}
