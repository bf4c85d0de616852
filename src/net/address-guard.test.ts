import { describe, expect, it } from 'vitest';
import { AddressRefused, createAddressGuard, embeddedIpv4, type ResolveHost } from './address-guard.js';

const resolver =
  (table: Record<string, string[]>): ResolveHost =>
  async (hostname) => {
    const addresses = table[hostname];
    if (!addresses) throw new Error('ENOTFOUND');
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };

const check = (url: string, allowed: string[] = [], table: Record<string, string[]> = {}) =>
  createAddressGuard(allowed, resolver(table)).check(new URL(url));

describe('the webhook address guard', () => {
  it.each([
    'http://127.0.0.1/',
    'http://127.8.9.10/',
    'http://10.1.2.3/',
    'http://172.20.0.1/',
    'http://192.168.1.1/',
    'http://169.254.169.254/latest/meta-data',
    'http://100.64.0.1/',
    'http://0.0.0.0/',
    'http://[::]/',
    'http://[::1]/',
    'http://[fe80::1]/',
    'http://[fd12:3456::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:a9fe:a9fe]/',
    'http://[::ffff:10.0.0.1]/',
    'http://[ff02::1]/',
  ])('refuses %s', async (url) => {
    await expect(check(url)).rejects.toBeInstanceOf(AddressRefused);
  });

  it('accepts public addresses and names that resolve only to them', async () => {
    expect(await check('https://93.184.216.34/x')).toEqual({ address: '93.184.216.34', family: 4 });
    expect(await check('https://[2606:4700::1111]/x')).toEqual({ address: '2606:4700::1111', family: 6 });
    expect(await check('https://hooks.example.com/x', [], { 'hooks.example.com': ['93.184.216.34'] })).toEqual({
      address: '93.184.216.34',
      family: 4,
    });
  });

  it('refuses a name when any of its addresses is private, and one that does not resolve', async () => {
    const table = { 'mixed.example.com': ['93.184.216.34', '10.0.0.7'] };
    await expect(check('https://mixed.example.com/', [], table)).rejects.toThrow(/10\.0\.0\.7/);
    await expect(check('https://nowhere.example.com/')).rejects.toThrow(/cannot be resolved/);
    await expect(check('ftp://93.184.216.34/')).rejects.toBeInstanceOf(AddressRefused);
  });

  it('lets the allow-list name addresses, ranges (also in mapped form) and host names', async () => {
    expect(await check('http://127.0.0.1:8080/', ['127.0.0.1'])).toMatchObject({ address: '127.0.0.1' });
    expect(await check('http://10.20.3.4/', ['10.20.0.0/16'])).toMatchObject({ address: '10.20.3.4' });
    await expect(check('http://10.21.0.1/', ['10.20.0.0/16'])).rejects.toBeInstanceOf(AddressRefused);
    expect(await check('http://[::ffff:10.20.0.9]/', ['10.20.0.0/16'])).toMatchObject({ family: 6 });
    expect(await check('http://[::1]/', ['::1'])).toEqual({ address: '::1', family: 6 });
    const table = { 'hooks.internal': ['10.9.9.9'] };
    expect(await check('http://HOOKS.internal/', ['hooks.internal'], table)).toMatchObject({ address: '10.9.9.9' });
  });

  it('reads the IPv4 address inside mapped and compatible IPv6 forms', () => {
    expect(embeddedIpv4({ address: '::ffff:7f00:1', family: 6 })).toEqual({ address: '127.0.0.1', family: 4 });
    expect(embeddedIpv4({ address: '::ffff:169.254.169.254', family: 6 })).toEqual({
      address: '169.254.169.254',
      family: 4,
    });
    expect(embeddedIpv4({ address: '::1', family: 6 })).toBeUndefined();
    expect(embeddedIpv4({ address: '2001:db8::1', family: 6 })).toBeUndefined();
  });
});
