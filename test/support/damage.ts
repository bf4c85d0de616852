import { open } from 'node:fs/promises';

/**
 * Inverts one byte of `file` in place (by default the one in the middle), the smallest damage a
 * disk can do: the size and the name stay right, only a hash can tell.
 */
export async function flipByte(file: string, at?: number): Promise<void> {
  const handle = await open(file, 'r+');
  try {
    const position = at ?? Math.floor((await handle.stat()).size / 2);
    const byte = Buffer.alloc(1);
    await handle.read(byte, 0, 1, position);
    byte[0] = (byte[0] ?? 0) ^ 0xff;
    await handle.write(byte, 0, 1, position);
  } finally {
    await handle.close();
  }
}
