import { createRequire } from 'node:module';
import { deflateSync } from 'node:zlib';

// pdf-lib compresses every stream it writes (page content, the embedded font subsets) with
// pako, zlib written in JavaScript: a fifth of a signed PDF's time. pdf-lib has no option for
// another compressor, but it looks `pako.deflate` up on each call, so pointing that one export at
// Node's native zlib (same format, same default level) makes it native for every document.
// Applied once per thread, when the PDF code is first imported.

export function nativeDeflate(input: Uint8Array): Uint8Array {
  const output = deflateSync(input);
  return new Uint8Array(output.buffer, output.byteOffset, output.byteLength);
}

/** The pako module pdf-lib itself loads (its own dependency, whichever copy that is). */
export function pakoOfPdfLib(): { deflate: (input: Uint8Array) => Uint8Array } {
  return createRequire(createRequire(import.meta.url).resolve('pdf-lib'))('pako');
}

pakoOfPdfLib().deflate = nativeDeflate;
