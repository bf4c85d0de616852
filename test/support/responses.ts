/** Reading what the API answered: its error body, and the text of a PDF it served. */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

/** The text of a PDF as poppler's pdftotext extracts it (CI installs poppler-utils). */
export async function pdfText(bytes: Buffer): Promise<string> {
  const child = execFileAsync('pdftotext', ['-enc', 'UTF-8', '-', '-'], { maxBuffer: 16 * 1024 * 1024 });
  child.child.stdin?.end(bytes);
  return (await child).stdout;
}

export function expectError(response: { statusCode: number; json(): unknown }): {
  status: number;
  code: string;
  field: string | undefined;
  message: string;
} {
  const body = response.json() as { error: { code: string; field?: string; message: string } };
  return { status: response.statusCode, code: body.error.code, field: body.error.field, message: body.error.message };
}
