import { useTranslation } from 'react-i18next';
import { PRIMARY } from '../theme';

function Logo({ size }: { size: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="7" fill={PRIMARY} />
      <path d="M16 25s-8-4.9-8-10.5A4.5 4.5 0 0 1 16 12a4.5 4.5 0 0 1 8 2.5C24 20.1 16 25 16 25z" fill="#fff" />
    </svg>
  );
}

/** The product's logo and name; `compact` shows only the short name. */
export default function BrandMark({ compact = false, inverse = false }: { compact?: boolean; inverse?: boolean }) {
  const { t } = useTranslation();
  const color = inverse ? '#fff' : 'rgba(0,0,0,0.88)';
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 10, minWidth: 0 }}>
      <Logo size={compact ? 28 : 32} />
      <span style={{ display: 'flex', flexDirection: 'column', lineHeight: 1.25, minWidth: 0 }}>
        {/* Plain text, not Typography: the mark is on every page, Typography's chunk is not needed for it. */}
        <span style={{ color, fontSize: compact ? 16 : 18, fontWeight: 600, whiteSpace: 'nowrap' }}>
          {t('app.name')}
        </span>
        {!compact && (
          <span
            className="yx-ellipsis"
            style={{ color: inverse ? '#fff' : 'rgba(0,0,0,0.68)', fontSize: 12 }}
            title={t('app.tagline')}
          >
            {t('app.tagline')}
          </span>
        )}
      </span>
    </span>
  );
}
