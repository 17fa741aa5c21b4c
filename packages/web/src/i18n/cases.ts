import i18n from './index';
import cases from './cases.zh-CN';

// The case pages' Chinese strings travel with those pages rather than in the first download (zh-CN.ts), whose
// student path has a hard size budget; keys stay `cases.…` in the default namespace. English needs nothing
// here: en.ts is its own chunk and carries them. Merged (deep) into the already loaded bundle, never replacing it.
i18n.addResourceBundle('zh-CN', 'translation', { cases }, true, true);
