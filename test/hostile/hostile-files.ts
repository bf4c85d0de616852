import { crc32, createDeflate } from 'node:zlib';

/**
 * A valid greyscale PNG of `side`×`side` white pixels that compresses to a few hundred KB:
 * the "decompression bomb" a signature field may be sent. Built row by row so the test
 * itself never holds the decoded image.
 */
export async function makeHugePng(side: number): Promise<Buffer> {
  const deflate = createDeflate({ level: 9 });
  const compressed: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => compressed.push(chunk));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on('end', resolve);
    deflate.on('error', reject);
  });
  // Filter byte 0 then the row's pixels; 64 rows per write keeps memory small.
  const row = Buffer.alloc(1 + side, 0xff);
  row[0] = 0;
  const rows = Buffer.concat(Array.from({ length: 64 }, () => row));
  for (let y = 0; y < side; y += 64) {
    const count = Math.min(64, side - y);
    const slice = count === 64 ? rows : rows.subarray(0, count * row.length);
    if (!deflate.write(slice)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', Buffer.concat(compressed)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData) >>> 0);
  return Buffer.concat([length, typeAndData, crc]);
}
