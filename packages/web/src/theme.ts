import type { ThemeConfig } from 'antd';

/** A calm teal, with text colours dark enough for WCAG AA contrast on white. */
export const PRIMARY = '#0f766e';

const CJK_FONTS = "'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC'";
const LATIN_FONTS = "'Segoe UI', 'Helvetica Neue', Arial, 'Noto Sans', 'DejaVu Sans'";
// Chinese pages take punctuation from a CJK font (full-width “”、); English pages must not, or an
// apostrophe becomes a full-width gap ("city’ s"). Chinese names in English pages still fall back to CJK.
const FONTS_ZH = `-apple-system, BlinkMacSystemFont, ${CJK_FONTS}, ${LATIN_FONTS}, sans-serif`;
const FONTS_EN = `-apple-system, BlinkMacSystemFont, ${LATIN_FONTS}, ${CJK_FONTS}, sans-serif`;

export const theme: ThemeConfig = {
  token: {
    colorPrimary: PRIMARY,
    colorInfo: PRIMARY,
    colorLink: PRIMARY,
    // Hovered and pressed links stay dark enough for 4.5:1 on white (the derived ones are lighter).
    colorLinkHover: '#0b5f58',
    colorLinkActive: '#094d47',
    // Link buttons hover with the primary hover colour; the derived #268277 falls under 4.5:1 on a hovered
    // table row (#fafafa), which axe caught in a run where the mouse rested on a class link.
    colorPrimaryHover: '#0b5f58',
    colorPrimaryTextHover: '#0b5f58',
    colorPrimaryActive: '#094d47',
    colorPrimaryTextActive: '#094d47',
    colorTextSecondary: 'rgba(0, 0, 0, 0.68)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
    colorTextDescription: 'rgba(0, 0, 0, 0.62)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.56)',
    colorTextQuaternary: 'rgba(0, 0, 0, 0.56)',
    // Light teal selection backgrounds (the palette derived from a dark primary is too grey).
    colorPrimaryBg: '#e0f2ef',
    colorPrimaryBgHover: '#cdebe6',
    controlItemBgActive: '#e0f2ef',
    colorInfoBg: '#eef8f6',
    colorInfoBorder: '#a7d8cf',
    controlItemBgActiveHover: '#cdebe6',
    borderRadius: 6,
    fontFamily: FONTS_ZH,
  },
  components: {
    Layout: {
      headerBg: '#ffffff',
      siderBg: '#ffffff',
      bodyBg: '#f5f7f7',
      headerPadding: '0 16px',
      footerBg: '#f5f7f7',
    },
    Menu: {
      itemSelectedBg: '#e0f2ef',
      itemActiveBg: '#e0f2ef',
      itemSelectedColor: '#0b5f58',
    },
    Breadcrumb: {
      itemColor: 'rgba(0, 0, 0, 0.68)',
      linkColor: 'rgba(0, 0, 0, 0.68)',
      separatorColor: 'rgba(0, 0, 0, 0.62)',
      lastItemColor: 'rgba(0, 0, 0, 0.88)',
    },
  },
};

/** The theme for a UI language: the same colours, with fonts ordered for that language's punctuation. */
export function themeFor(locale: 'zh-CN' | 'en'): ThemeConfig {
  return locale === 'en' ? { ...theme, token: { ...theme.token, fontFamily: FONTS_EN } } : theme;
}
