import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { nativeDeflate, pakoOfPdfLib } from './native-deflate.js';

describe('pdf-lib streams compressed by native zlib', () => {
  it('has pdf-lib call native zlib, whose output any zlib reader inflates', () => {
    const content = new TextEncoder().encode('BT /F1 10.5 Tf 72 700 Td <0041> Tj ET\n'.repeat(200));

    expect(pakoOfPdfLib().deflate).toBe(nativeDeflate);
    const compressed = pakoOfPdfLib().deflate(content);
    expect(compressed).toBeInstanceOf(Uint8Array);
    expect(compressed.length).toBeLessThan(content.length / 10);
    expect(Buffer.from(inflateSync(compressed)).equals(Buffer.from(content))).toBe(true);
  });
});
