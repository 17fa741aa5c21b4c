import { describe, expect, it } from 'vitest';
import i18n, { STRICT_I18N } from './index';

describe('a missing message key under test', () => {
  it('is strict under Vitest', () => {
    expect(STRICT_I18N).toBe(true);
  });

  it('throws instead of showing the key', () => {
    expect(() => i18n.t('home.linkDesc.noSuchPage')).toThrow('missing i18n key: home.linkDesc.noSuchPage');
  });

  it('leaves a call that chose its own fallback alone', () => {
    expect(i18n.t('orgKinds.noSuchKind', { defaultValue: 'noSuchKind' })).toBe('noSuchKind');
  });

  it('translates a key that exists', () => {
    expect(i18n.t('common.retry')).toBe('重试');
  });
});
