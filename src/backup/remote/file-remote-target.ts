import { randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { fsyncPath, renameDurably } from '../../files/durable-fs.js';
import type { OutgoingFile, RemoteObject, RemoteTarget } from './remote-target.js';

/**
 * A remote that is a folder, usually a mounted share (`file:///mnt/share/byov`). Objects are
 * written to a hidden temporary name, synced and renamed, so a listed object is always whole.
 */
export class FileRemoteTarget implements RemoteTarget {
  constructor(
    private readonly root: string,
    readonly description: string,
  ) {}

  async list(folder: string): Promise<RemoteObject[]> {
    const dir = this.pathOf(folder);
    const names = await readdir(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [] as string[];
      throw error;
    });
    const objects: RemoteObject[] = [];
    for (const name of names) {
      if (name.startsWith('.')) continue;
      const info = await stat(path.join(dir, name)).catch(() => undefined);
      if (info?.isFile()) objects.push({ name: `${folder}${name}`, bytes: info.size, modifiedAt: info.mtime });
    }
    return objects;
  }

  async put(name: string, file: OutgoingFile): Promise<void> {
    const target = this.pathOf(name);
    await mkdir(path.dirname(target), { recursive: true });
    const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      await copyFile(file.path, temp);
      await fsyncPath(temp);
      if ((await stat(temp)).size !== file.bytes) throw new Error(`The copy of ${name} on the share is incomplete.`);
      await renameDurably(temp, target);
    } finally {
      await rm(temp, { force: true });
    }
  }

  read(name: string): Readable {
    return createReadStream(this.pathOf(name));
  }

  async remove(name: string): Promise<void> {
    await rm(this.pathOf(name), { force: true });
  }

  close(): void {}

  private pathOf(name: string): string {
    // Names are built by this product (`blobs/<hex>`, `backups/<backup name>.json`), never typed in.
    if (name.split('/').some((part) => part === '..')) throw new Error(`Not a remote object name: ${name}`);
    return path.join(this.root, name);
  }
}
