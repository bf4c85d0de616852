import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** What the walk reads: a Uint8Array, or a file through `FileWindow`. */
export interface ForwardBytes {
  readonly length: number;
  at(position: number): number | undefined;
  indexOf(value: number, from: number): number;
}

const MARKER_PREFIX = 0xff;
const START_OF_IMAGE = 0xd8;
const END_OF_IMAGE = 0xd9;
const START_OF_SCAN = 0xda;
const isRestart = (code: number) => code >= 0xd0 && code <= 0xd7;
/** Markers followed by a length and a segment: 0xC0–0xFE, save restarts, SOI and EOI. */
const hasSegment = (code: number) =>
  code >= 0xc0 && code !== MARKER_PREFIX && !isRestart(code) && code !== START_OF_IMAGE && code !== END_OF_IMAGE;

/**
 * True when a JPEG's segments, and the compressed data of every scan, run whole up to its
 * end-of-image marker. Whatever follows that marker (phones append data there) is not looked at.
 *
 * A decode at a reduced size stops at the last whole row of the reduced image, so it can leave
 * the data of the last rows of blocks unread: a file cut short there, or without its end, would
 * pass. This walk finds those files without decoding anything. Like libjpeg, it steps over stray
 * bytes between segments and over damaged scan bytes that form no marker: what it asks for is
 * that the file reaches its end.
 */
export function jpegRunsToItsEnd(bytes: ForwardBytes): boolean {
  if (bytes.at(0) !== MARKER_PREFIX || bytes.at(1) !== START_OF_IMAGE) return false;
  let at = 2;
  for (;;) {
    at = bytes.indexOf(MARKER_PREFIX, at);
    if (at < 0) return false;
    // A marker may be preceded by any number of fill bytes (0xFF).
    while (bytes.at(at) === MARKER_PREFIX) at++;
    if (at >= bytes.length) return false;
    const code = bytes.at(at++) as number;
    if (code === END_OF_IMAGE) return true;
    if (!hasSegment(code)) continue;
    if (at + 2 > bytes.length) return false;
    const length = ((bytes.at(at) as number) << 8) | (bytes.at(at + 1) as number);
    if (length < 2) return false;
    at += length;
    if (code === START_OF_SCAN) {
      at = endOfScanData(bytes, at);
      if (at < 0) return false;
    }
  }
}

/**
 * Where a scan's compressed data ends (the next marker), or -1 when the file ends first. Inside
 * that data a 0xFF byte is followed by 0x00 (a stuffed 0xFF), a restart marker, or, where the
 * data is damaged, a code that is no marker at all; the decoder reads on past all three.
 */
function endOfScanData(bytes: ForwardBytes, from: number): number {
  let at = from;
  for (;;) {
    const prefix = bytes.indexOf(MARKER_PREFIX, at);
    if (prefix < 0 || prefix + 1 >= bytes.length) return -1;
    const next = bytes.at(prefix + 1) as number;
    if (next === MARKER_PREFIX) at = prefix + 1;
    else if (next === END_OF_IMAGE || hasSegment(next)) return prefix;
    else at = prefix + 2;
  }
}

const WINDOW_BYTES = 64 * 1024;

/**
 * `jpegRunsToItsEnd` of a file, read through a 64 KB window instead of whole: a pool thread runs
 * checks side by side, and photos of up to MAX_FILE_MB each held in memory would raise the
 * server's resident memory. The reads are synchronous: the walk runs on a pool thread, never on
 * the event loop, and reads the file once, front to back.
 */
export function jpegFileRunsToItsEnd(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    return jpegRunsToItsEnd(new FileWindow(fd, fstatSync(fd).size));
  } finally {
    closeSync(fd);
  }
}

class FileWindow implements ForwardBytes {
  private readonly window = Buffer.allocUnsafe(WINDOW_BYTES);
  private start = 0;
  private filled = 0;

  constructor(
    private readonly fd: number,
    readonly length: number,
  ) {}

  at(position: number): number | undefined {
    if (position < 0 || position >= this.length) return undefined;
    if (!this.holds(position)) this.load(position);
    return this.window[position - this.start];
  }

  indexOf(value: number, from: number): number {
    let position = Math.max(0, from);
    while (position < this.length) {
      if (!this.holds(position)) this.load(position);
      const found = this.window.subarray(0, this.filled).indexOf(value, position - this.start);
      if (found >= 0) return this.start + found;
      position = this.start + this.filled;
    }
    return -1;
  }

  private holds(position: number): boolean {
    return position >= this.start && position < this.start + this.filled;
  }

  private load(position: number): void {
    this.start = position;
    this.filled = readSync(this.fd, this.window, 0, WINDOW_BYTES, position);
    // A file that shrank under the walk is refused (the caller's check fails on the error).
    if (this.filled === 0) throw new Error('the file ended before its reported size');
  }
}
