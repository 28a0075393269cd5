import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

/** What the referrals service keeps about a citizen that must never be readable from the database alone. */
export interface CitizenSecrets {
  cpr: string;
  name: string;
  phone?: string;
  email?: string;
  /** Accommodation needs (skånehensyn) are health information: special-category data. */
  accommodations: string[];
}

/**
 * Seals citizen data with AES-256-GCM under a key ring and derives the pseudonym (HMAC-SHA256 of the CPR).
 * Keys are `id:base64(32 bytes)` separated by commas; the first seals, all open, so a key is rotated by putting
 * a new one first and re-sealing at leisure (docs/operations.md).
 */
export class CitizenVault {
  private readonly keys: Map<string, Buffer>;
  private readonly currentKeyId: string;
  private readonly pseudonymKey: Buffer;

  constructor(keyRing: string, pseudonymKey: string) {
    const entries = keyRing
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean)
      .map((entry) => {
        const [id, material] = entry.split(':');
        const key = Buffer.from(material ?? '', 'base64');
        if (!id || !/^[\w-]+$/.test(id) || key.length !== 32) {
          throw new Error('CPR_ENCRYPTION_KEYS entries must be id:base64 of 32 bytes');
        }
        return [id, key] as const;
      });
    if (entries.length === 0) throw new Error('CPR_ENCRYPTION_KEYS must hold at least one key');
    this.keys = new Map(entries);
    this.currentKeyId = entries[0][0];
    this.pseudonymKey = Buffer.from(pseudonymKey, 'utf8');
  }

  seal(secrets: CitizenSecrets): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.keys.get(this.currentKeyId)!, iv);
    const body = Buffer.concat([cipher.update(JSON.stringify(secrets), 'utf8'), cipher.final()]);
    return [this.currentKeyId, iv, cipher.getAuthTag(), body]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64')))
      .join('.');
  }

  open(sealed: string): CitizenSecrets {
    const [keyId, iv, tag, body] = sealed.split('.');
    const key = this.keys.get(keyId);
    if (!key) throw new Error(`Citizen data sealed with unknown key ${keyId}`);
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64'));
    decipher.setAuthTag(Buffer.from(tag, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(body, 'base64')), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as CitizenSecrets;
  }

  /** True when the value was sealed with an older key and should be re-sealed. */
  isStale(sealed: string): boolean {
    return !sealed.startsWith(`${this.currentKeyId}.`);
  }

  pseudonym(cpr: string): string {
    return createHmac('sha256', this.pseudonymKey).update(cpr).digest('base64url');
  }
}
