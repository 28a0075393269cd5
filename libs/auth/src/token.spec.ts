import { describe, expect, it } from '@jest/globals';
import { SignJWT } from 'jose';
import { DomainError } from '@platform/domain-kernel';
import { assertTokenTimes, DEFAULT_TOKEN_POLICY } from './claims';
import { mintToken, TokenVerifier } from './token';

const config = { jwtSecret: 'unit-test-secret-0123456789abcdef0123', issuer: 'test', audience: 'test' };
const NOW = 1_800_000_000;
const HOUR = 3600;

const codeOf = (run: () => unknown): string => {
  try {
    run();
    return 'accepted';
  } catch (error) {
    return (error as DomainError).code;
  }
};

describe('token time policy (ADR 0071)', () => {
  const policy = { maxLifetimeSeconds: 24 * HOUR, clockSkewSeconds: 60 };

  it.each([
    ['1 h with iat', { iat: NOW, exp: NOW + HOUR }],
    ['exactly the maximum', { iat: NOW, exp: NOW + 24 * HOUR }],
    ['no iat, 1 h left', { exp: NOW + HOUR }],
    ['iat within the clock skew ahead', { iat: NOW + 60, exp: NOW + HOUR }],
  ])('accepts %s', (_case, claims) => {
    expect(codeOf(() => assertTokenTimes(claims, policy, NOW))).toBe('accepted');
  });

  it.each([
    ['no exp', { iat: NOW }],
    ['exp not a number', { iat: NOW, exp: '2099-01-01' }],
    ['exp 100 years ahead', { iat: NOW, exp: NOW + 100 * 365 * 24 * HOUR }],
    ['a lifetime one second over the maximum', { iat: NOW, exp: NOW + 24 * HOUR + 1 }],
    ['no iat and exp beyond the maximum from now', { exp: NOW + 25 * HOUR }],
    ['iat in the future beyond the skew', { iat: NOW + 61, exp: NOW + HOUR }],
    ['iat not a number', { iat: 'yesterday', exp: NOW + HOUR }],
  ])('refuses %s as unauthenticated', (_case, claims) => {
    expect(codeOf(() => assertTokenTimes(claims as never, policy, NOW))).toBe('UNAUTHENTICATED');
  });

  it('defaults to 24 h and 60 s', () => {
    expect(DEFAULT_TOKEN_POLICY).toEqual({ maxLifetimeSeconds: 86_400, clockSkewSeconds: 60 });
  });
});

describe('TokenVerifier applies the policy to signed tokens', () => {
  const key = new TextEncoder().encode(config.jwtSecret);
  const now = () => Math.floor(Date.now() / 1000);
  const sign = (times: { iat?: number; exp?: number }) => {
    const jwt = new SignJWT({ role: 'jobcenter', org: '101' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('s')
      .setIssuer(config.issuer)
      .setAudience(config.audience);
    if (times.iat !== undefined) jwt.setIssuedAt(times.iat);
    if (times.exp !== undefined) jwt.setExpirationTime(times.exp);
    return jwt.sign(key);
  };
  const outcome = async (verifier: TokenVerifier, token: string) =>
    verifier.verify(token).then(
      () => 'accepted',
      (error: DomainError) => error.code,
    );

  it('accepts what mintToken (test builders, npm run token with 12 h) produces', async () => {
    const verifier = new TokenVerifier(config);
    await expect(outcome(verifier, await mintToken(config, { sub: 's', role: 'jobcenter', org: '101' }))).resolves.toBe(
      'accepted',
    );
    const twelveHours = await mintToken(config, { sub: 's', role: 'admin' }, 12 * HOUR);
    await expect(outcome(verifier, twelveHours)).resolves.toBe('accepted');
  });

  it.each([
    ['without exp', () => sign({ iat: now() })],
    ['with exp 100 years ahead', () => sign({ iat: now(), exp: now() + 100 * 365 * 24 * HOUR })],
    ['with iat an hour in the future', () => sign({ iat: now() + HOUR, exp: now() + 2 * HOUR })],
    ['expired beyond the skew', () => sign({ iat: now() - 2 * HOUR, exp: now() - 61 })],
  ])('refuses a token %s with 401', async (_case, token) => {
    await expect(outcome(new TokenVerifier(config), await token())).resolves.toBe('UNAUTHENTICATED');
  });

  it('takes the maximum lifetime from its configuration', async () => {
    const token = await sign({ iat: now(), exp: now() + 2 * HOUR });
    await expect(outcome(new TokenVerifier(config), token)).resolves.toBe('accepted');
    await expect(outcome(new TokenVerifier({ ...config, maxTokenLifetimeSeconds: HOUR }), token)).resolves.toBe(
      'UNAUTHENTICATED',
    );
  });

  it('tolerates the configured clock skew on exp', async () => {
    const token = await sign({ iat: now() - HOUR, exp: now() - 30 });
    await expect(outcome(new TokenVerifier(config), token)).resolves.toBe('accepted');
    await expect(outcome(new TokenVerifier({ ...config, clockSkewSeconds: 0 }), token)).resolves.toBe(
      'UNAUTHENTICATED',
    );
  });
});
