import { Writable } from 'node:stream';
import pino from 'pino';
import { expect, it } from 'vitest';
import { startTestApp } from '../support/app-harness.js';
import { flipByte } from '../support/damage.js';
import { createDraft, uploadToDraft } from '../support/drafts.js';
import { describeEachEngine } from '../support/engines.js';
import { makeJpeg } from '../support/fixtures.js';
import { expectError } from '../support/responses.js';

describeEachEngine("a draft's damaged stored file", (engine) => {
  it('is not served: FILE_DAMAGED, and a warning naming only the file id is logged', async () => {
    const lines: Record<string, unknown>[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
        done();
      },
    });
    const logger = pino({ level: 'info' }, sink);
    const t = await startTestApp(engine, {}, undefined, { logger });
    try {
      const draft = await createDraft(t);
      const upload = await uploadToDraft(t, draft.resumeCode, 'vehicle_front', await makeJpeg(), 'front.jpg');
      expect(upload.statusCode).toBe(201);
      const { id, url } = upload.json() as { id: string; url: string };
      expect((await t.app.inject({ url })).statusCode).toBe(200);
      const row = await t.runtime.db.kysely
        .selectFrom('draft_files')
        .select('storage_key')
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      await flipByte(t.runtime.files.pathOf(row.storage_key));

      const response = await t.app.inject({ url });
      expect(expectError(response)).toMatchObject({ status: 409, code: 'FILE_DAMAGED', field: 'vehicle_front' });
      const warnings = lines.filter((l) => l.level === 40);
      expect(warnings).toEqual([
        expect.objectContaining({ draftFileId: id, msg: 'stored file damaged: its bytes do not match their hash' }),
      ]);
      const warning = JSON.stringify({ ...warnings[0], req: undefined });
      expect(warning).not.toContain(draft.resumeCode);
      expect(warning).not.toContain('front.jpg');
    } finally {
      await t.close();
    }
  });
});
