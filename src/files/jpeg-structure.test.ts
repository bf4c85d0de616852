import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { jpegFileRunsToItsEnd, jpegRunsToItsEnd } from './jpeg-structure.js';

const noise = (width: number, height: number) =>
  sharp(randomBytes(width * height * 3), { raw: { width, height, channels: 3 } });

describe('jpegRunsToItsEnd', () => {
  it('accepts whole JPEGs, baseline and progressive, with or without data after their end', async () => {
    for (const progressive of [false, true]) {
      const jpeg = await noise(61, 43).jpeg({ quality: 90, progressive }).toBuffer();
      expect(jpegRunsToItsEnd(jpeg)).toBe(true);
      expect(jpegRunsToItsEnd(Buffer.concat([jpeg, randomBytes(500)]))).toBe(true);
    }
  });

  it('refuses a JPEG cut short at any byte, in its headers or in any scan', async () => {
    for (const progressive of [false, true]) {
      const jpeg = await noise(37, 29).jpeg({ quality: 90, progressive }).toBuffer();
      for (let length = 0; length < jpeg.length; length++) {
        if (jpegRunsToItsEnd(jpeg.subarray(0, length))) throw new Error(`accepted the first ${length} bytes`);
      }
    }
  });

  it('reads on past damaged bytes inside a scan, as the decoder does, but still needs the end marker', async () => {
    const jpeg = await noise(40, 40).jpeg({ quality: 90 }).toBuffer();
    const damaged = Buffer.from(jpeg);
    damaged.set([0xff, 0x5a, 0xff, 0xd8, 0x12], jpeg.length - 40); // codes that are no marker, mid-scan
    expect(jpegRunsToItsEnd(damaged)).toBe(true);
    expect(jpegRunsToItsEnd(damaged.subarray(0, damaged.length - 2))).toBe(false);
  });

  it('allows fill bytes before a marker and refuses what is not a JPEG or has a broken segment', async () => {
    const jpeg = await noise(16, 16).jpeg().toBuffer();
    const end = jpeg.length - 2;
    expect(
      jpegRunsToItsEnd(Buffer.concat([jpeg.subarray(0, end), Buffer.from([0xff, 0xff]), jpeg.subarray(end)])),
    ).toBe(true);
    expect(jpegRunsToItsEnd(await noise(16, 16).png().toBuffer())).toBe(false);
    const brokenLength = Buffer.from(jpeg);
    brokenLength.writeUInt16BE(1, 4); // the first segment after SOI claims to be shorter than its length field
    expect(jpegRunsToItsEnd(brokenLength)).toBe(false);
  });

  it('judges a file read through its 64 KB window exactly as the same bytes in memory', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'byov-jpeg-structure-'));
    try {
      const jpeg = await noise(520, 520).jpeg({ quality: 95 }).toBuffer();
      expect(jpeg.length).toBeGreaterThan(3 * 65_536);
      const variants = [jpeg, Buffer.concat([jpeg, randomBytes(70_000)])];
      // Cuts and damaged bytes on both sides of the window's edges, where a marker can straddle two reads.
      for (const edge of [65_536, 131_072]) {
        for (let at = edge - 3; at <= edge + 3; at++) {
          variants.push(jpeg.subarray(0, at));
          const damaged = Buffer.from(jpeg);
          damaged.set([0xff, 0xd9], at - 1);
          variants.push(damaged);
        }
      }
      for (const [index, bytes] of variants.entries()) {
        const file = path.join(dir, `variant-${index}.jpg`);
        await writeFile(file, bytes);
        expect(jpegFileRunsToItsEnd(file), `variant ${index}`).toBe(jpegRunsToItsEnd(bytes));
      }
      expect(jpegFileRunsToItsEnd(path.join(dir, 'variant-0.jpg'))).toBe(true);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
