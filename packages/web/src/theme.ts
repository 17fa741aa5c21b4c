import type { ThemeConfig } from 'antd';

/** A calm teal, with text colours dark enough for WCAG AA contrast on white. */
export const PRIMARY = '#0f766e';

export const theme: ThemeConfig = {
  token: {
    colorPrimary: PRIMARY,
    colorInfo: PRIMARY,
    colorLink: PRIMARY,
    // Hovered and pressed links stay dark enough for 4.5:1 on white (the derived ones are lighter).
    colorLinkHover: '#0b5f58',
    colorLinkActive: '#094d47',
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
    fontFamily:
      "-apple-system, BlinkMacSystemFont, 'Segoe UI', 'PingFang SC', 'Hiragino Sans GB', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Helvetica Neue', Arial, sans-serif",
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
