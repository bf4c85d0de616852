/**
 * The two things the submissions section times: a real multipart POST to the server, and the
 * floor under it, writing the same bytes durably straight from this process.
 */
import { open } from 'node:fs/promises';
import path from 'node:path';
import { fsyncDir } from '../../../src/files/durable-fs.js';
import { buildSubmissionForm } from '../../../test/support/fixtures.js';
import { timeMs } from '../../lib/stats.js';
import { listFiles, type Submission } from './payloads.js';

export interface Accepted {
  id: string;
  reference: string;
}

/**
 * POSTs one enrollment as the wizard does. Anything but 201 throws with the server's answer:
 * a benchmark that counted refusals as fast submissions would be worse than none.
 */
export async function submitOverHttp(
  baseUrl: string,
  submission: Submission,
): Promise<{ latencyMs: number; accepted: Accepted }> {
  const form = buildSubmissionForm(submission.data, submission.files);
  let status = 0;
  let body = '';
  const latencyMs = await timeMs(async () => {
    const response = await fetch(`${baseUrl}/api/enrollments`, { method: 'POST', body: form }).catch((error) => {
      // undici says only "fetch failed"; the reason (reset, refused, timeout) is in its cause.
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      throw new Error(`submission ${submission.techId}: ${cause?.code ?? ''} ${cause?.message ?? String(error)}`);
    });
    status = response.status;
    body = await response.text();
  });
  if (status !== 201) {
    throw new Error(`submission ${submission.techId} answered ${status}: ${body.slice(0, 300)}`);
  }
  return { latencyMs, accepted: JSON.parse(body) as Accepted };
}

/**
 * The baseline: each file opened, written, fsynced and closed, then one fsync of the directory,
 * which is the least any store must do to make a submission's files survive a power cut.
 */
export async function writeDurablyOnce(dir: string, index: number, submission: Submission): Promise<number> {
  const files = listFiles(submission.files);
  return timeMs(async () => {
    for (const [position, bytes] of files.entries()) {
      const handle = await open(path.join(dir, `${index}-${position}`), 'wx');
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
    }
    await fsyncDir(dir);
  });
}
