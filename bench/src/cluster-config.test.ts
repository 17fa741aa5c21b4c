import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  parseHaproxyStat,
  renderHaproxy,
  renderPgbouncer,
  renderPgHba,
  renderPostgresConf,
  SERVED_BY_HEADER,
} from './cluster-config.js';

const deploy = (f: string) => readFileSync(new URL(`../../deploy/${f}`, import.meta.url), 'utf8');

describe('the cluster run renders the deploy/ configs', () => {
  const haproxy = renderHaproxy(deploy('haproxy.cfg'), {
    port: 18443,
    nodes: [
      { name: 'node1', port: 18081 },
      { name: 'node2', port: 18082 },
    ],
    statsSocket: '/tmp/x/haproxy.sock',
    maxconn: 2000,
  });

  it('keeps HAProxy health checks, retries and balancing, on plain HTTP with the scratch nodes', () => {
    for (const kept of [
      'option httpchk GET /api/ready',
      'http-check expect status 200',
      'default-server inter 2s fall 2 rise 2 on-marked-down shutdown-sessions',
      'retry-on conn-failure empty-response response-timeout',
      'option redispatch',
      'balance leastconn',
      'option forwardfor',
    ])
      expect(haproxy).toContain(kept);
    expect(haproxy).toContain('bind 127.0.0.1:18443');
    expect(haproxy).not.toMatch(/\bssl\b|redirect scheme https|\/dev\/log|maxconn 20000/);
    expect(haproxy).toContain('stats socket /tmp/x/haproxy.sock');
    expect(haproxy).toContain(`http-response set-header ${SERVED_BY_HEADER} %s`);
    expect(haproxy.match(/^\s*server /gm)).toEqual(['    server ', '    server ']);
    expect(haproxy).toContain('server node1 127.0.0.1:18081 check');
    expect(haproxy).toContain('server node2 127.0.0.1:18082 check');
    // Backend lines stay inside the backend, after its options.
    expect(haproxy.indexOf('server node1')).toBeGreaterThan(haproxy.indexOf('backend yuxin'));
  });

  it('refuses a haproxy.cfg without the readiness check rather than test something else', () => {
    expect(() =>
      renderHaproxy(deploy('haproxy.cfg').replace('option httpchk GET /api/ready', 'option httpchk GET /'), {
        port: 1,
        nodes: [],
        statsSocket: 's',
        maxconn: 10,
      }),
    ).toThrow(/httpchk/);
  });

  it('points PgBouncer at the scratch primary and replica, in transaction mode', () => {
    const ini = renderPgbouncer(deploy('pgbouncer.ini'), {
      port: 16432,
      primaryPort: 15432,
      replicaPort: 15433,
      dir: '/tmp/x',
    });
    expect(ini).toContain('yuxin = host=127.0.0.1 port=15432 dbname=yuxin');
    expect(ini).toContain('yuxin_replica = host=127.0.0.1 port=15433 dbname=yuxin');
    expect(ini).toMatch(/^pool_mode = transaction$/m);
    expect(ini).toMatch(/^listen_port = 16432$/m);
    expect(ini).toMatch(/^auth_file = \/tmp\/x\/userlist.txt$/m);
    expect(ini).toMatch(/^logfile = \/tmp\/x\/pgbouncer.log$/m);
    expect(ini).toMatch(/^ignore_startup_parameters = .*statement_timeout/m);
    expect(ini).not.toContain('db-primary');
    // Settings added to the [pgbouncer] section, not to [databases].
    expect(ini.indexOf('pidfile')).toBeGreaterThan(ini.indexOf('[pgbouncer]'));
  });

  it('appends the scratch port after the deploy settings of PostgreSQL, so it wins', () => {
    const conf = renderPostgresConf('port = 5432\n' + deploy('postgresql-primary.conf'), {
      port: 15432,
      socketDir: '/tmp/x',
    });
    expect(conf).toContain('wal_level = replica');
    expect(conf).toContain('synchronous_commit = on');
    expect(conf.lastIndexOf('port = 15432')).toBeGreaterThan(conf.indexOf('port = 5432'));
    expect(conf).toMatch(/listen_addresses = '127.0.0.1'\n/);
    // A database host's memory is not this machine's: the scratch figures come last, so they are the ones read.
    expect(conf).toMatch(/^shared_buffers = 8GB$/m);
    expect(conf.lastIndexOf('shared_buffers = 256MB')).toBeGreaterThan(conf.indexOf('shared_buffers = 8GB'));
    expect(conf).toMatch(/^autovacuum = on$/m);
  });

  it('turns the deploy pg_hba lines into loopback lines before initdb defaults', () => {
    const hba = renderPgHba(deploy('pg_hba-primary.conf'), 'host all all 127.0.0.1/32 scram-sha-256\n');
    const lines = hba.split('\n');
    expect(lines).toContain('host replication replicator 127.0.0.1/32 scram-sha-256');
    expect(lines).toContain('host yuxin all 127.0.0.1/32 scram-sha-256');
    expect(hba.indexOf('replicator')).toBeLessThan(hba.indexOf('host all all'));
  });

  it('reads server states and retries from `show stat`', () => {
    const csv = [
      '# pxname,svname,qcur,status,wretr,wredis',
      'https,FRONTEND,,OPEN,,',
      'yuxin,node1,0,DOWN,1,1',
      'yuxin,node2,0,UP,0,0',
      'yuxin,BACKEND,0,UP,1,1',
      '',
    ].join('\n');
    expect(parseHaproxyStat(csv, 'yuxin')).toEqual({
      node1: { status: 'DOWN', retries: 1, redispatches: 1 },
      node2: { status: 'UP', retries: 0, redispatches: 0 },
    });
    expect(() => parseHaproxyStat('Unknown command\n', 'yuxin')).toThrow();
  });
});
