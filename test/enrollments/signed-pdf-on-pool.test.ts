/**
 * The server builds signed PDFs on its worker pool. What a thread builds must be exactly what
 * the same inputs give inline: the recorded SHA-256 then identifies the document whoever built it.
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { shippedPolicyLibrary } from '../../src/domain/policy/load-policy-library.js';
import { generateSignedPolicyPdf, type SignedPolicyPdfInput } from '../../src/pdf/generate-signed-policy-pdf.js';
import { createPdfRenderer } from '../../src/workers/render-pdf.js';
import { createWorkerPool, WorkTimedOutError } from '../../src/workers/worker-pool.js';
import { makeSignaturePng } from '../support/fixtures.js';
import { pdfText } from '../support/responses.js';

describe('signed PDFs on the worker pool', () => {
  const pool = createWorkerPool({ threads: 2, maxQueue: 8 });
  afterAll(() => pool.close());

  async function input(fullName: string): Promise<SignedPolicyPdfInput> {
    const { id, version, title, text, sha256, language } = (await shippedPolicyLibrary()).forState('WA', 'es');
    return {
      policy: { id, version, title, text, sha256, language },
      language: 'es',
      signer: { fullName, techId: 'T-77' },
      signaturePng: await makeSignaturePng(),
      submittedAt: new Date('2026-11-30T18:45:00.000Z'),
      timeZone: 'America/Los_Angeles',
      audit: { reference: 'BYOV-POOL0001', ip: '198.51.100.7', userAgent: 'Mozilla/5.0' },
    };
  }

  it('builds, on a thread, the very bytes the same inputs give inline', async () => {
    const render = createPdfRenderer(pool);
    for (const name of ['Zoë Nguyễn', 'Зоя Петрова']) {
      const given = await input(name);
      const [onThread, again, inline] = await Promise.all([
        render(given),
        render(given),
        generateSignedPolicyPdf(given),
      ]);
      expect(Buffer.from(onThread.bytes).equals(Buffer.from(inline.bytes))).toBe(true);
      expect(onThread.sha256).toBe(inline.sha256);
      expect(again.sha256).toBe(inline.sha256);
      expect(onThread.pageCount).toBe(inline.pageCount);
      expect(await pdfText(Buffer.from(onThread.bytes))).toContain(name);
    }
  });

  it("starts a warm pool's thread before any job, and after one stopped over its time limit", async () => {
    const warm = createWorkerPool({
      threads: 1,
      maxQueue: 4,
      warmUp: { policies: (await shippedPolicyLibrary()).signable },
    });
    const cold = createWorkerPool({ threads: 1, maxQueue: 4 });
    try {
      await vi.waitFor(() => expect(warm.threads).toBe(1), { timeout: 60_000, interval: 20 });
      expect(cold.threads).toBe(0);

      // A thread is stopped only by ending it; the pool starts another, warm again, at once.
      const given = await input('Zoë Nguyễn');
      await expect(warm.run('signed-policy-pdf', given, { timeoutMs: 1 })).rejects.toBeInstanceOf(WorkTimedOutError);
      await vi.waitFor(() => expect(warm.threads).toBe(1), { timeout: 60_000, interval: 20 });
      const [onWarmThread, inline] = await Promise.all([
        createPdfRenderer(warm)(given),
        generateSignedPolicyPdf(given),
      ]);
      // What the thread prepared leaves the document as the same inputs give anywhere.
      expect(onWarmThread.sha256).toBe(inline.sha256);
      expect(cold.threads).toBe(0);
    } finally {
      await Promise.all([warm.close(), cold.close()]);
    }
  });
});
