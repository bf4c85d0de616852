/**
 * The off-machine copies are visible: the Backups page's API lists them, and the overview (which
 * shares its backup health with `byov status` and `/health`) gives the newest copy's age, with a
 * warning before the first one.
 */
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createBackup } from '../../src/backup/create-backup.js';
import { copyBackupToRemote } from '../../src/backup/remote/copy-backup-to-remote.js';
import { adminHeaders, startTestApp, type TestApp } from '../support/app-harness.js';
import { describeEachEngine, makeTempDir } from '../support/engines.js';

describeEachEngine('off-machine copies in the admin and /health', (engine) => {
  let t: TestApp;
  let share: { dir: string; remove(): Promise<void> };
  beforeAll(async () => {
    share = await makeTempDir('byov-share-');
    t = await startTestApp(engine, { BACKUP_REMOTE: `file://${path.join(share.dir, 'byov')}` });
  });
  afterAll(async () => {
    await t.close();
    await share.remove();
  });

  it("lists the remote copies and reports the newest one's age", { timeout: 120_000 }, async () => {
    const get = (url: string) => t.app.inject({ url, headers: adminHeaders() });
    expect((await get('/api/admin/backups/remote')).json()).toEqual({
      configured: true,
      remote: expect.stringMatching(/^file:\/\//),
      backups: [],
      damaged: [],
    });
    const before = (await get('/api/admin/overview')).json();
    expect(before.backup.offMachine).toMatchObject({ lastCopy: null, encrypted: false });
    expect(before.backup.warning).toMatch(/No backup has been copied/);

    const { name } = await createBackup(t.runtime, { kind: 'manual' });
    const copy = await copyBackupToRemote(t.config, name);
    expect(copy).toMatchObject({ copied: true, encrypted: false });

    const listed = (await get('/api/admin/backups/remote')).json();
    expect(listed.backups).toMatchObject([{ name, kind: 'manual', encrypted: false }]);
    const overview = (await get('/api/admin/overview')).json();
    expect(overview.backup.offMachine.lastCopy).toMatchObject({ name });
    expect(overview.backup.offMachine.warning).toBeUndefined();
  });
});
