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

describe('database topology', () => {
  it('reads reports from DATABASE_REPLICA_URL only when it is set', () => {
    expect(loadConfig({}).databaseReplicaUrl).toBeUndefined();
    expect(loadConfig({ DATABASE_REPLICA_URL: 'postgres://r/yuxin' }).databaseReplicaUrl).toBe('postgres://r/yuxin');
  });

  it('names prepared statements unless YUXIN_DB_PREPARED_STATEMENTS=false, and refuses anything else', () => {
    expect(loadConfig({}).databasePreparedStatements).toBe(true);
    expect(loadConfig({ YUXIN_DB_PREPARED_STATEMENTS: 'false' }).databasePreparedStatements).toBe(false);
    expect(() => loadConfig({ YUXIN_DB_PREPARED_STATEMENTS: 'off' })).toThrow(/YUXIN_DB_PREPARED_STATEMENTS/);
  });

  it('keeps 20 connections per pool unless YUXIN_DB_POOL_SIZE says otherwise, and refuses a pool of none', () => {
    expect(loadConfig({}).databasePoolSize).toBe(20);
    expect(loadConfig({ YUXIN_DB_POOL_SIZE: '8' }).databasePoolSize).toBe(8);
    expect(() => loadConfig({ YUXIN_DB_POOL_SIZE: '0' })).toThrow(/YUXIN_DB_POOL_SIZE must be at least 1/);
    expect(() => loadConfig({ YUXIN_DB_POOL_SIZE: 'eight' })).toThrow(/YUXIN_DB_POOL_SIZE/);
  });
});
