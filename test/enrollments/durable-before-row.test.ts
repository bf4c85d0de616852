import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { fsyncDir } from '../../src/files/durable-fs.js';
import { LocalFileStore } from '../../src/files/local-file-store.js';
import { adminHeaders, startTestApp, type TestApp } from '../support/app-harness.js';
import { makeTempDir } from '../support/engines.js';
import { makeSubmissionFiles, type SubmissionFiles, validEnrollmentData } from '../support/fixtures.js';
import { postEnrollment } from '../support/submit.js';

/*
 * A submission's files are renamed into place with their directories synced together, once
 * each, after the last file (the signed PDF) and before the transaction that names them.
 */
describe('a submission makes its files durable before its row', () => {
  let t: TestApp;
  let files: SubmissionFiles;
  let paths: { files: string; uploadsStaging: string };
  let dataDir: { dir: string; remove(): Promise<void> };
  const synced: string[] = [];
  let failSyncs = false;

  beforeAll(async () => {
    dataDir = await makeTempDir();
    paths = loadConfig({ DATA_DIR: dataDir.dir }).paths;
    const store = new LocalFileStore(paths.files, paths.uploadsStaging, async (dir) => {
      synced.push(dir);
      if (failSyncs) throw Object.assign(new Error('input/output error'), { code: 'EIO' });
      await fsyncDir(dir);
    });
    t = await startTestApp('sqlite', { DATA_DIR: dataDir.dir }, undefined, { files: store });
    files = await makeSubmissionFiles(20_000);
  });
  afterAll(async () => {
    await t.close();
    await dataDir.remove();
  });
  afterEach(() => {
    synced.length = 0;
    failSyncs = false;
  });

  it('syncs the folder of every stored file, the staging folder and the root, each once', async () => {
    const response = await postEnrollment(t, validEnrollmentData({ techId: 'durable-1' }), files);
    expect(response.statusCode).toBe(201);
    const detail = (
      await t.app.inject({ url: `/api/admin/enrollments/${response.json().id}`, headers: adminHeaders() })
    ).json() as { documents: { sha256: string }[] };
    const expected = new Set([
      paths.files,
      paths.uploadsStaging,
      ...detail.documents.map((d) => `${paths.files}/${d.sha256.slice(0, 2)}`),
    ]);
    expect(new Set(synced)).toEqual(expected);
    expect(synced).toHaveLength(expected.size);
  });

  it('stores no row when a folder cannot be synced', async () => {
    const before = await t.snapshotState();
    failSyncs = true;
    const response = await postEnrollment(t, validEnrollmentData({ techId: 'durable-2' }), files);
    expect(response.statusCode).toBe(500);
    expect(response.json().error.code).toBe('INTERNAL');
    expect(synced.length).toBeGreaterThan(0);
    const after = await t.snapshotState();
    expect(after.rows).toEqual(before.rows);
  });
});
