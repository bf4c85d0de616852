import { describe, expect, it } from 'vitest';
import { loadFontBytes, MAX_REMEMBERED_LAYOUTS, sharedFontkit } from './fonts.js';

describe('the shared font', () => {
  it('keeps the layouts every document repeats, and forgets one-off text beyond its bound', async () => {
    const font = sharedFontkit.create((await loadFontBytes()).regular);
    const features = { kern: false };
    const policyWord = font.layout('reimbursement', features);
    const oneOff = font.layout('BYOV-7Q2K9 first', features);

    // Each document brings a few strings of its own; the policy's words come back every time.
    for (let i = 0; i < MAX_REMEMBERED_LAYOUTS + 100; i++) {
      font.layout(`BYOV-${i} 2026-12-01T10:00:${i}Z`, features);
      if (i % 50 === 0) expect(font.layout('reimbursement', features)).toBe(policyWord);
    }

    expect(font.layout('reimbursement', features)).toBe(policyWord);
    const again = font.layout('BYOV-7Q2K9 first', features);
    expect(again).not.toBe(oneOff);
    expect(again.glyphs.map((g) => g.id)).toEqual(oneOff.glyphs.map((g) => g.id));
  });
});
