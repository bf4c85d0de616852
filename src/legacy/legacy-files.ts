import { stat } from 'node:fs/promises';
import path from 'node:path';

export type LegacyFileLookup = { found: true; path: string; sizeBytes: number } | { found: false; reason: string };

/**
 * Finds the file a row names. The earlier version stored paths relative to its working folder
 * (`uploads/<tech>_<uuid>/vehicle/vehicle_1.jpg`, `pdfs/<tech>_<uuid>.pdf`), sometimes with
 * Windows separators, or `/objects/…` in its object-storage mode. `root` may be the
 * installation folder or its `uploads/` folder itself. A path that climbs out of `root` is
 * refused rather than followed: the rows are foreign data.
 */
export async function findLegacyFile(root: string | null, storedPath: string): Promise<LegacyFileLookup> {
  const normalized = storedPath.trim().replaceAll('\\', '/');
  if (normalized === '') return { found: false, reason: 'the row names no file' };
  const inObjectStorage = normalized.startsWith('/objects/');
  const relative = normalized.replace(/^\/+/, '').replace(/^\.\//, '');
  if (relative.split('/').includes('..'))
    return { found: false, reason: 'the path leaves the files folder; not followed' };
  if (root === null) return { found: false, reason: 'no folder to look in (give --uploads)' };
  for (const candidate of candidatesFor(root, relative)) {
    const info = await stat(candidate).catch(() => undefined);
    if (info?.isFile()) return { found: true, path: candidate, sizeBytes: info.size };
  }
  return {
    found: false,
    reason: inObjectStorage ? 'kept in the earlier object storage, not found on disk' : 'not found',
  };
}

function candidatesFor(root: string, relative: string): string[] {
  const [first, ...rest] = relative.split('/');
  const candidates = [path.join(root, relative)];
  // `--uploads` pointing at the uploads (or objects) folder itself rather than its parent.
  if (rest.length > 0 && (first === 'uploads' || first === 'objects')) candidates.push(path.join(root, ...rest));
  // …in which case the signed PDFs live beside it, in ../pdfs.
  if (first === 'pdfs') candidates.push(path.join(path.dirname(root), relative));
  return candidates;
}
