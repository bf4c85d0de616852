import { randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { jpegRunsToItsEnd } from './jpeg-structure.js';

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
});
