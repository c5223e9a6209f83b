import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signJwt, verifyJwt } from './jwt';

const SECRET = 'a-secret-of-at-least-thirty-two-characters';
const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const hs256 = (body: string, secret: string) =>
  createHmac('sha256', secret).update(body).digest('base64url');

describe('verifyJwt', () => {
  const now = Date.UTC(2026, 10, 1);
  const claims = { sub: 'u1', role: 'authenticated', exp: now / 1000 + 60 };

  it('accepts what signJwt made, before it expires', () => {
    expect(verifyJwt(signJwt(claims, SECRET), SECRET, now)).toEqual(claims);
  });

  it('refuses a wrong secret, an expired token, and an edited payload', () => {
    expect(verifyJwt(signJwt(claims, 'another-secret-entirely'), SECRET, now)).toBeUndefined();
    expect(verifyJwt(signJwt(claims, SECRET), SECRET, now + 61_000)).toBeUndefined();
    const [header, , signature] = signJwt(claims, SECRET).split('.');
    const edited = `${header}.${encode({ ...claims, role: 'service_role' })}.${signature}`;
    expect(verifyJwt(edited, SECRET, now)).toBeUndefined();
  });

  it('refuses any header but HS256, even when the HMAC matches', () => {
    for (const alg of ['none', 'HS512', 'RS256', undefined]) {
      const body = `${encode({ alg, typ: 'JWT' })}.${encode(claims)}`;
      expect(verifyJwt(`${body}.${hs256(body, SECRET)}`, SECRET, now)).toBeUndefined();
      expect(verifyJwt(`${body}.`, SECRET, now)).toBeUndefined();
    }
  });

  it('refuses garbage without throwing', () => {
    for (const token of [
      '',
      'a.b',
      'a.b.c',
      'a.b.c.d',
      '..',
      `${encode(null)}.${encode(null)}.x`,
    ]) {
      expect(verifyJwt(token, SECRET, now)).toBeUndefined();
    }
    const body = `${encode({ alg: 'HS256' })}.${encode('just a string')}`;
    expect(verifyJwt(`${body}.${hs256(body, SECRET)}`, SECRET, now)).toBeUndefined();
  });
});
