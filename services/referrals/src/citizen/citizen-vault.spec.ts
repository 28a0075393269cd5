import { randomBytes } from 'node:crypto';
import { CitizenVault } from './citizen-vault';

const key = () => randomBytes(32).toString('base64');
const secrets = { cpr: '0101901234', name: 'Anna Hansen', accommodations: ['Ingen tunge løft'] };

describe('CitizenVault', () => {
  it('seals without the plain text and opens again', () => {
    const vault = new CitizenVault(`k1:${key()}`, 'p'.repeat(32));
    const sealed = vault.seal(secrets);
    expect(sealed).not.toContain('0101901234');
    expect(sealed).not.toContain('Anna');
    expect(vault.open(sealed)).toEqual(secrets);
    expect(vault.seal(secrets)).not.toBe(sealed);
  });

  it('opens values sealed with an older key after rotation and marks them stale', () => {
    const old = `k1:${key()}`;
    const sealed = new CitizenVault(old, 'p'.repeat(32)).seal(secrets);
    const rotated = new CitizenVault(`k2:${key()},${old}`, 'p'.repeat(32));
    expect(rotated.open(sealed)).toEqual(secrets);
    expect(rotated.isStale(sealed)).toBe(true);
    expect(rotated.isStale(rotated.seal(secrets))).toBe(false);
  });

  it('refuses tampered data', () => {
    const vault = new CitizenVault(`k1:${key()}`, 'p'.repeat(32));
    const [id, iv, tag, body] = vault.seal(secrets).split('.');
    const flipped = Buffer.from(body, 'base64');
    flipped[0] ^= 1;
    expect(() => vault.open([id, iv, tag, flipped.toString('base64')].join('.'))).toThrow();
  });

  it('derives a stable pseudonym that depends on the key', () => {
    const a = new CitizenVault(`k1:${key()}`, 'a'.repeat(32));
    const b = new CitizenVault(`k1:${key()}`, 'b'.repeat(32));
    expect(a.pseudonym('0101901234')).toBe(a.pseudonym('0101901234'));
    expect(a.pseudonym('0101901234')).not.toBe(b.pseudonym('0101901234'));
    expect(a.pseudonym('0101901234')).not.toContain('0101901234');
  });
});
