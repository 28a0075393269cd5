import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** `id:base64(32 bytes)[,id:base64(32 bytes)…]`, current key first: the format of CPR_ENCRYPTION_KEYS. */
export const KEY_RING_PATTERN = /^[\w-]+:[A-Za-z0-9+/]{43}=(,[\w-]+:[A-Za-z0-9+/]{43}=)*$/;

/**
 * Encryption at rest with AES-256-GCM under a key ring: the first key seals, every key opens, so a key is rotated
 * by putting a new one first and re-sealing at leisure (docs/operations.md). The one implementation used for the
 * citizen vault and for stored Idempotency-Key replays; a sealed value is `keyId.iv.tag.body` (base64 parts).
 */
export class KeyRing {
  private readonly keys: Map<string, Buffer>;
  private readonly currentKeyId: string;

  /** `name` is the configuration variable the ring comes from, for the error message. */
  constructor(ring: string, name = 'CPR_ENCRYPTION_KEYS') {
    const entries = ring
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean)
      .map((entry) => {
        const [id, material] = entry.split(':');
        const key = Buffer.from(material ?? '', 'base64');
        if (!id || !/^[\w-]+$/.test(id) || key.length !== 32) {
          throw new Error(`${name} entries must be id:base64 of 32 bytes`);
        }
        return [id, key] as const;
      });
    if (entries.length === 0) throw new Error(`${name} must hold at least one key`);
    this.keys = new Map(entries);
    this.currentKeyId = entries[0][0];
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [this.currentKeyId, iv, cipher.getAuthTag(), body]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64')))
      .join('.');
  }

  /** Throws on an unknown key or a value that was tampered with (GCM authentication). */
  open(sealed: string): string {
    const [keyId, iv, tag, body] = sealed.split('.');
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`Value sealed with unknown key ${keyId}`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv ?? '', 'base64'));
    decipher.setAuthTag(Buffer.from(tag ?? '', 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(body ?? '', 'base64')), decipher.final()]).toString('utf8');
  }

  /** True when the value was sealed with an older key and should be re-sealed. */
  isStale(sealed: string): boolean {
    return !sealed.startsWith(`${this.currentKeyId}.`);
  }
}
