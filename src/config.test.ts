import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, describeDatabase, loadConfig } from './config.js';

describe('loadConfig', () => {
  it('defaults to SQLite at data/byov.db on 127.0.0.1:3000 with 15 MB files', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config.dataDir).toBe(path.resolve('/srv/app/data'));
    expect(config.database).toEqual({ engine: 'sqlite', file: path.resolve('/srv/app/data/byov.db') });
    expect(config).toMatchObject({ host: '127.0.0.1', port: 3000, adminToken: undefined });
    expect(config.uploads.maxFileBytes).toBe(15 * 1024 * 1024);
    expect(config.backup).toMatchObject({ keepLast: 7, keepDaily: 7, keepWeekly: 4, keepMonthly: 12, maxAgeHours: 26 });
  });

  it('selects PostgreSQL from a postgres:// URL and hides its password in descriptions', () => {
    const config = loadConfig({ DATABASE_URL: 'postgres://byov:s3cret@db.internal:5432/byov' });
    expect(config.database.engine).toBe('postgres');
    expect(describeDatabase(config.database)).not.toContain('s3cret');
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', ADMIN_TOKEN: '' }).port).toBe(3000);
  });

  it('lists every invalid value at once, readably', () => {
    try {
      loadConfig({ PORT: 'abc', ADMIN_TOKEN: 'short', DATABASE_URL: 'mysql://x', MAX_FILE_MB: '-1' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'ADMIN_TOKEN', 'DATABASE_URL', 'MAX_FILE_MB']) expect(problems).toContain(name);
    }
  });

  it('reads TRUST_PROXY as on/off or a list of proxy addresses and CIDR ranges', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 127.0.0.1,::1' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '127.0.0.1',
      '::1',
    ]);
    for (const wrong of ['yes', '10.0.0.0/33', '10.0.0/8', 'proxy.local', '1.2.3.4/8/9']) {
      expect(() => loadConfig({ TRUST_PROXY: wrong }), wrong).toThrow(/TRUST_PROXY/);
    }
  });

  it('rejects a request limit below the file limit', () => {
    expect(() => loadConfig({ MAX_FILE_MB: '20', MAX_REQUEST_MB: '10' })).toThrow(/MAX_REQUEST_MB/);
  });
});

describe('wizard settings', () => {
  it('default to 14-day drafts, ./policies, no online VIN lookup and a 2.5 s lookup timeout', () => {
    const config = loadConfig({}, '/srv/app');
    expect(config.drafts.ttlDays).toBe(14);
    expect(config.policyDir).toBe(path.resolve('/srv/app/policies'));
    expect(config.vpic).toEqual({ url: undefined, timeoutMs: 2500 });
    expect(config.rateLimit.wizardRequestsPerMinute).toBe(300);
  });

  it('accept a vPIC URL template with {vin}', () => {
    const url = 'https://vpic.nhtsa.dot.gov/api/vehicles/decodevinvalues/{vin}?format=json';
    expect(loadConfig({ VPIC_URL: url, VPIC_TIMEOUT_MS: '900' }).vpic).toEqual({ url, timeoutMs: 900 });
  });

  it('refuse a vPIC URL without {vin}, a non-http URL and a zero TTL, naming each', () => {
    for (const [env, name] of [
      [{ VPIC_URL: 'https://vpic.example/decode' }, 'VPIC_URL'],
      [{ VPIC_URL: 'ftp://vpic.example/{vin}' }, 'VPIC_URL'],
      [{ DRAFT_TTL_DAYS: '0' }, 'DRAFT_TTL_DAYS'],
      [{ VPIC_TIMEOUT_MS: 'soon' }, 'VPIC_TIMEOUT_MS'],
    ] as const) {
      expect(() => loadConfig(env), name).toThrow(new RegExp(name));
    }
  });
});

describe('admin settings', () => {
  it('default the public URL to http://HOST:PORT and sessions to 12 hours', () => {
    expect(loadConfig({ HOST: '10.0.0.2', PORT: '8080' })).toMatchObject({
      publicUrl: 'http://10.0.0.2:8080',
      sessionTtlHours: 12,
    });
  });

  it('take PUBLIC_URL without its trailing slash, and refuse what is not an http(s) URL', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://byov.example.com/' }).publicUrl).toBe('https://byov.example.com');
    expect(() => loadConfig({ PUBLIC_URL: 'byov.example.com' })).toThrow(/PUBLIC_URL/);
    expect(() => loadConfig({ SESSION_TTL_HOURS: '0' })).toThrow(/SESSION_TTL_HOURS/);
  });
});

describe('file store settings', () => {
  it('keep files on local disk by default', () => {
    expect(loadConfig({}, '/srv/byov').fileStore).toEqual({ kind: 'local' });
  });

  it('select an S3 bucket with a normalised prefix, a custom endpoint and path-style addressing', () => {
    const config = loadConfig(
      {
        FILE_STORE: 's3',
        S3_BUCKET: 'byov-files',
        S3_PREFIX: '/prod//files',
        S3_ENDPOINT: 'https://s3.example.com',
        S3_FORCE_PATH_STYLE: 'true',
      },
      '/srv/byov',
    );
    expect(config.fileStore).toEqual({
      kind: 's3',
      s3: {
        bucket: 'byov-files',
        prefix: 'prod/files/',
        endpoint: 'https://s3.example.com',
        region: 'us-east-1',
        forcePathStyle: true,
      },
    });
  });

  it('refuse FILE_STORE=s3 without a bucket, a bad bucket name and an unknown store, naming each', () => {
    expect(() => loadConfig({ FILE_STORE: 's3' })).toThrow(/S3_BUCKET: must be set when FILE_STORE=s3/);
    expect(() => loadConfig({ FILE_STORE: 's3', S3_BUCKET: 'Bad_Bucket' })).toThrow(/S3_BUCKET/);
    expect(() => loadConfig({ FILE_STORE: 'gcs' })).toThrow(/FILE_STORE/);
  });
});
