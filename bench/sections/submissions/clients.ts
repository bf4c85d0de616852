/**
 * The two things the submissions section times: a real multipart POST to the server, and the
 * floor under it, writing the same bytes durably straight from this process.
 */
import { open } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { fsyncDir } from '../../../src/files/durable-fs.js';
import { buildSubmissionForm } from '../../../test/support/fixtures.js';
import { timeMs } from '../../lib/stats.js';
import { listFiles, type Submission } from './payloads.js';

export interface Accepted {
  id: string;
  reference: string;
}

/** Connections stay open between submissions, as a browser's do. */
const agent = new http.Agent({ keepAlive: true });

/**
 * POSTs one enrollment as the wizard does. Anything but 201 throws with the server's answer:
 * a benchmark that counted refusals as fast submissions would be worse than none.
 *
 * The form is encoded exactly as fetch encodes it, then sent in one write with node's http
 * client: fetch's streamed encoding cost the bench about twice the CPU per submission (12–14 ms
 * against 6–8), taken from the two cores the server is measured on.
 */
export async function submitOverHttp(
  baseUrl: string,
  submission: Submission,
): Promise<{ latencyMs: number; accepted: Accepted }> {
  const encoded = new Response(buildSubmissionForm(submission.data, submission.files));
  const body = Buffer.from(await encoded.arrayBuffer());
  const headers = { 'content-type': encoded.headers.get('content-type') ?? '', 'content-length': body.length };
  let answer = { status: 0, text: '' };
  const latencyMs = await timeMs(async () => {
    answer = await post(`${baseUrl}/api/enrollments`, headers, body).catch((error: NodeJS.ErrnoException) => {
      throw new Error(`submission ${submission.techId}: ${error.code ?? ''} ${error.message}`);
    });
  });
  if (answer.status !== 201) {
    throw new Error(`submission ${submission.techId} answered ${answer.status}: ${answer.text.slice(0, 300)}`);
  }
  return { latencyMs, accepted: JSON.parse(answer.text) as Accepted };
}

function post(url: string, headers: http.OutgoingHttpHeaders, body: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: 'POST', agent, headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
      response.on('error', reject);
    });
    request.on('error', reject);
    request.end(body);
  });
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
