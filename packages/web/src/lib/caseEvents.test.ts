import i18n from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../i18n/en';
import cases from '../i18n/cases.zh-CN';
import zhCNFirst from '../i18n/zh-CN';

const zhCN = { ...zhCNFirst, cases };
import { describeCaseEvent } from './caseEvents';

const t = (lng: string) => i18n.getFixedT(lng) as unknown as (k: string, o?: Record<string, unknown>) => string;

beforeAll(async () => {
  await i18n.init({ resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, lng: 'zh-CN' });
});

describe('case timeline titles (issue 17.16)', () => {
  it("name the leader's 研判 outcome", () => {
    const e = { type: 'leader_review', payload: { outcome: 'refer' } };
    expect(describeCaseEvent(t('zh-CN'), e)).toBe('领导研判：同意转介');
    expect(describeCaseEvent(t('en'), { ...e, payload: { outcome: 'no_referral' } })).toBe(
      "Leader's review: Do not refer now",
    );
  });

  it("say a conference was the leader's, and name a re-routed referral's hospital", () => {
    expect(describeCaseEvent(t('zh-CN'), { type: 'conference', payload: { by: 'leader' } })).toBe('领导个案会商');
    expect(describeCaseEvent(t('zh-CN'), { type: 'conference', payload: {} })).toBe('会诊');
    expect(describeCaseEvent(t('zh-CN'), { type: 'referral_rerouted', payload: { hospital: '第二医院' } })).toBe(
      '改转其他医院：第二医院',
    );
  });
});
