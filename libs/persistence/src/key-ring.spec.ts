import { randomBytes } from 'node:crypto';
import { KEY_RING_PATTERN, KeyRing } from './key-ring';

const key = () => randomBytes(32).toString('base64');

describe('KeyRing', () => {
  it('seals without the plain text, opens again, and never seals twice alike', () => {
    const ring = new KeyRing(`k1:${key()}`);
    const sealed = ring.seal('{"cpr":"0101901234"}');
    expect(sealed).not.toContain('0101901234');
    expect(ring.open(sealed)).toBe('{"cpr":"0101901234"}');
    expect(ring.seal('{"cpr":"0101901234"}')).not.toBe(sealed);
  });

  it('opens with an older key after rotation and marks the value stale', () => {
    const old = `k1:${key()}`;
    const sealed = new KeyRing(old).seal('x');
    const rotated = new KeyRing(`k2:${key()},${old}`);
    expect(rotated.open(sealed)).toBe('x');
    expect(rotated.isStale(sealed)).toBe(true);
    expect(rotated.isStale(rotated.seal('x'))).toBe(false);
  });

  it('refuses tampered values and unknown keys', () => {
    const ring = new KeyRing(`k1:${key()}`);
    const [id, iv, tag, body] = ring.seal('secret').split('.');
    const flipped = Buffer.from(body, 'base64');
    flipped[0] ^= 1;
    expect(() => ring.open([id, iv, tag, flipped.toString('base64')].join('.'))).toThrow();
    expect(() => new KeyRing(`k2:${key()}`).open(ring.seal('secret'))).toThrow(/unknown key k1/);
  });

  it('refuses malformed rings naming the variable', () => {
    expect(() => new KeyRing('k1:short', 'REPLAY_ENCRYPTION_KEYS')).toThrow(/REPLAY_ENCRYPTION_KEYS/);
    expect(() => new KeyRing('')).toThrow(/at least one key/);
    expect(KEY_RING_PATTERN.test(`a:${key()},b-2:${key()}`)).toBe(true);
    expect(KEY_RING_PATTERN.test(`a:${key()},`)).toBe(false);
  });
});
