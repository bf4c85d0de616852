/** Helpers shared by the import-legacy tests. */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';

/** Every file under `dir` with its bytes' hash and modification time: any change shows. */
export async function fingerprint(dir: string): Promise<Record<string, string>> {
  const result: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    const info = await stat(file);
    const hash = entry.isFile()
      ? createHash('sha256')
          .update(await readFile(file))
          .digest('hex')
      : 'dir';
    result[path.relative(dir, file)] = `${hash} ${info.mtimeMs}`;
  }
  return result;
}

export const codes = (flags: { code: string }[]) => flags.map((f) => f.code).sort();
