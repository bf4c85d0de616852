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

  it('rejects a request limit below the file limit', () => {
    expect(() => loadConfig({ MAX_FILE_MB: '20', MAX_REQUEST_MB: '10' })).toThrow(/MAX_REQUEST_MB/);
  });
});
