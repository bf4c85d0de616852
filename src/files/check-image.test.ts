import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeJpeg } from '../../test/support/fixtures.js';
import { checkImage } from './check-image.js';

let dir: string;
let jpeg: Buffer;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'byov-check-image-'));
  jpeg = await makeJpeg(200_000, 3);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function check(bytes: Buffer, detectBlank = false) {
  const file = path.join(dir, `image-${Math.random().toString(36).slice(2)}`);
  await writeFile(file, bytes);
  return checkImage({ file, maxPixels: 50_000_000, detectBlank, timeoutMs: 60_000 });
}

describe('checkImage', () => {
  it('accepts a whole JPEG and gives its size', async () => {
    const { width, height } = await sharp(jpeg).metadata();
    expect(await check(jpeg)).toEqual({ status: 'ok', width, height, blank: false });
  });

  it('refuses a JPEG cut short anywhere in its image data, though its header is whole', async () => {
    for (const cut of [0.1, 0.5, 0.99]) {
      expect(await check(jpeg.subarray(0, Math.floor(jpeg.length * cut)))).toEqual({ status: 'unreadable' });
    }
  });

  it('judges damaged JPEGs exactly as a full decode does', async () => {
    const damaged: Buffer[] = [];
    for (let i = 1; i < 20; i++) damaged.push(jpeg.subarray(0, Math.floor((jpeg.length * i) / 20)));
    for (const at of [0.3, 0.6, 0.9]) {
      const copy = Buffer.from(jpeg);
      copy.writeUInt16BE(0xffd9, Math.floor(jpeg.length * at)); // an end-of-image marker mid-scan
      damaged.push(copy);
      const garbage = Buffer.from(jpeg);
      garbage.fill(0x5a, Math.floor(jpeg.length * at), Math.floor(jpeg.length * at) + 64);
      damaged.push(garbage);
    }
    for (const bytes of damaged) {
      const full = await sharp(bytes, { failOn: 'truncated' })
        .stats()
        .then(
          () => 'ok',
          () => 'unreadable',
        );
      expect((await check(bytes)).status).toBe(full);
    }
  });

  it('refuses a JPEG cut short in its last rows, and judges other damage there as a full decode does', async () => {
    // Sizes whose last rows of blocks a decode at a reduced size leaves unread (height not a
    // multiple of the block height), with and without colour subsampling, baseline and progressive.
    const sizes = [
      { width: 174, height: 450, chromaSubsampling: '4:4:4', progressive: false },
      { width: 418, height: 643, chromaSubsampling: '4:4:4', progressive: false },
      { width: 378, height: 903, chromaSubsampling: '4:2:0', progressive: false },
      { width: 272, height: 545, chromaSubsampling: '4:2:0', progressive: false },
      { width: 301, height: 197, chromaSubsampling: '4:2:0', progressive: true },
    ];
    const fullDecode = (bytes: Buffer) =>
      sharp(bytes, { failOn: 'truncated' })
        .raw()
        .toBuffer()
        .then(
          () => 'ok',
          () => 'unreadable',
        );
    for (const { width, height, ...options } of sizes) {
      const whole = await sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } })
        .jpeg({ quality: 90, ...options })
        .toBuffer();
      const size = `${width}×${height} ${JSON.stringify(options)}`;
      expect(await check(whole)).toEqual({ status: 'ok', width, height, blank: false });
      expect((await check(Buffer.concat([whole, randomBytes(999)]))).status, `${size}, data after the end`).toBe('ok');
      for (const cut of [2, 10, 50, 300]) {
        expect((await check(whole.subarray(0, whole.length - cut))).status, `${size}, ${cut} bytes short`).toBe(
          'unreadable',
        );
      }
      for (const back of [20, 200]) {
        const at = whole.length - back;
        const ended = Buffer.from(whole);
        ended.writeUInt16BE(0xffd9, at);
        const garbage = Buffer.from(whole).fill(0x5a, at, at + 16);
        for (const [damage, bytes] of [
          ['an end marker', ended],
          ['garbage', garbage],
        ] as const) {
          expect((await check(bytes)).status, `${size}, ${damage} ${back} bytes before the end`).toBe(
            await fullDecode(bytes),
          );
        }
      }
    }
  });

  it('refuses a PNG cut short and tells a blank signature from a drawn one', async () => {
    const drawn = await sharp(
      Buffer.from(
        '<svg xmlns="http://www.w3.org/2000/svg" width="60" height="20"><path d="M2 18 L 58 2" stroke="#000"/></svg>',
      ),
    )
      .png()
      .toBuffer();
    const blank = await sharp({ create: { width: 60, height: 20, channels: 4, background: '#0000' } })
      .png()
      .toBuffer();
    expect(await check(drawn, true)).toMatchObject({ status: 'ok', blank: false });
    expect(await check(blank, true)).toMatchObject({ status: 'ok', blank: true });
    expect(await check(drawn.subarray(0, drawn.length - 20))).toEqual({ status: 'unreadable' });
  });

  it('tells a blank image from one with a single different pixel, small or large, in any pixel format', async () => {
    const canvas = (width: number, height: number) =>
      sharp({ create: { width, height, channels: 4, background: '#80808000' } });
    const dot = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"><rect width="1" height="1"/></svg>',
    );
    // Small ones are judged in memory, ones over 4 megapixels through libvips' statistics.
    for (const [width, height] of [
      [300, 100],
      [2100, 2000],
    ] as const) {
      const variants: [string, Buffer, Buffer][] = [];
      for (const [name, encode] of [
        ['RGBA', (image: Sharp) => image.png()],
        ['grey 16-bit', (image: Sharp) => image.toColourspace('grey16').png()],
        ['palette', (image: Sharp) => image.png({ palette: true })],
      ] as const) {
        const blank = await encode(canvas(width, height)).toBuffer();
        const marked = await encode(
          canvas(width, height).composite([{ input: dot, left: width - 1, top: height - 1 }]),
        ).toBuffer();
        variants.push([name, blank, marked]);
      }
      for (const [name, blank, marked] of variants) {
        expect(await check(blank, true), `${name} ${width}×${height} blank`).toMatchObject({
          status: 'ok',
          blank: true,
        });
        expect(await check(marked, true), `${name} ${width}×${height} marked`).toMatchObject({
          status: 'ok',
          blank: false,
        });
        expect(await check(marked.subarray(0, marked.length - 30), true)).toEqual({ status: 'unreadable' });
      }
    }
  });
});
