import { describe, expect, it } from 'vitest';
import { blockAfterFailures, describeWait, EMAIL_RULE, IP_RULE } from './login-throttle.js';

describe('sign-in throttling', () => {
  it('lets two failures pass, then doubles the delay, then locks an email for 15 minutes', () => {
    const delays = Array.from({ length: 11 }, (_, i) => blockAfterFailures(EMAIL_RULE, i + 1));
    expect(delays).toEqual([0, 0, 1000, 2000, 4000, 8000, 16000, 32000, 64000, 900_000, 900_000]);
  });

  it('is more lenient per address, which colleagues may share', () => {
    expect(blockAfterFailures(IP_RULE, 9)).toBe(0);
    expect(blockAfterFailures(IP_RULE, 10)).toBe(1000);
    expect(blockAfterFailures(IP_RULE, 19)).toBe(512_000);
    expect(blockAfterFailures(IP_RULE, 20)).toBe(900_000);
  });

  it('says how long to wait in words', () => {
    expect(describeWait(800)).toBe('1 second');
    expect(describeWait(8000)).toBe('8 seconds');
    expect(describeWait(900_000)).toBe('15 minutes');
  });
});
