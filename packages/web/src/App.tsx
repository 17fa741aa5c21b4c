import { App as AntApp, ConfigProvider } from 'antd';
// The ES builds of the locales: antd/locale/* are CommonJS and bring a second copy of the pickers' locales.
import zhCN from 'antd/es/locale/zh_CN';
import enUS from 'antd/es/locale/en_US';
import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import { useTranslation } from 'react-i18next';
import { RouterProvider } from 'react-router-dom';
import { router } from './router';
import { SessionProvider } from './session/SessionProvider';
import { themeFor } from './theme';
import WaitingRoom from './components/WaitingRoom';

export default function App() {
  const { i18n } = useTranslation();
  const en = i18n.language === 'en';
  dayjs.locale(en ? 'en' : 'zh-cn');

  return (
    <ConfigProvider locale={en ? enUS : zhCN} theme={themeFor(en ? 'en' : 'zh-CN')}>
      <AntApp>
        <SessionProvider>
          <RouterProvider router={router} />
          <WaitingRoom />
        </SessionProvider>
      </AntApp>
    </ConfigProvider>
  );
}
