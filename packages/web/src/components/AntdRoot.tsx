import { createContext, useContext, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
// The ES builds of the locales: antd/locale/* are CommonJS and bring a second copy of the pickers' locales.
import zhCN from 'antd/es/locale/zh_CN';
import enUS from 'antd/es/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useTranslation } from 'react-i18next';
import { themeFor } from '../theme';

const Inside = createContext(false);

/**
 * Ant Design's theme, locale and message/modal context, around the pages that use Ant Design (the staff
 * pages). Loaded with those pages, never on the student path, which has its own light components. Nested
 * uses are one: a staff page inside the staff layout is not wrapped twice.
 */
export default function AntdRoot({ children }: { children: ReactNode }) {
  const inside = useContext(Inside);
  const { i18n } = useTranslation();
  if (inside) return <>{children}</>;
  const en = i18n.language === 'en';
  dayjs.locale(en ? 'en' : 'zh-cn');
  return (
    <Inside.Provider value={true}>
      <ConfigProvider locale={en ? enUS : zhCN} theme={themeFor(en ? 'en' : 'zh-CN')}>
        <AntApp>{children}</AntApp>
      </ConfigProvider>
    </Inside.Provider>
  );
}
