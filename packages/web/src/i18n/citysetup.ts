import { useTranslation } from 'react-i18next';
import i18n from './index';
import en from './citysetup.en';
import zhCN from './citysetup.zh-CN';

// Setting a city up (the org tree import, peer supporters, the settings pages) is staff-only: its strings
// travel with those pages in a namespace of their own, never in the student path's first screen.
export const CITY_SETUP_NS = 'citysetup';
i18n.addResourceBundle('zh-CN', CITY_SETUP_NS, zhCN, true, true);
i18n.addResourceBundle('en', CITY_SETUP_NS, en, true, true);

/** `t` of the city set-up pages; a key is one of citysetup.zh-CN.ts (checked by citysetup.test.ts). */
export function useCitySetupT() {
  return useTranslation(CITY_SETUP_NS).t;
}
