import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('listening address', () => {
  it('keeps the demo city, whose password is printed, on this machine unless HOST is set', () => {
    expect(loadConfig({}).host).toBe('127.0.0.1');
    expect(loadConfig({ YUXIN_SEED_DEMO: 'true' }).host).toBe('127.0.0.1');
    expect(loadConfig({ HOST: '0.0.0.0' }).host).toBe('0.0.0.0');
  });

  it('listens on every interface for a real city, or where HOST says', () => {
    expect(loadConfig({ YUXIN_SEED_DEMO: 'false' }).host).toBe('0.0.0.0');
    expect(loadConfig({ YUXIN_SEED_DEMO: 'false', HOST: '10.0.0.5' }).host).toBe('10.0.0.5');
  });
});
