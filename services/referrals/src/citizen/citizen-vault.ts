import { createHmac } from 'node:crypto';
import { KeyRing } from '@platform/persistence';

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
 * Seals citizen data with AES-256-GCM under the CPR_ENCRYPTION_KEYS key ring (libs/persistence KeyRing: the first
 * key seals, all open, so a key is rotated by putting a new one first and re-sealing at leisure,
 * docs/operations.md) and derives the pseudonym (HMAC-SHA256 of the CPR).
 */
export class CitizenVault {
  readonly keyRing: KeyRing;
  private readonly pseudonymKey: Buffer;

  constructor(keyRing: string, pseudonymKey: string) {
    this.keyRing = new KeyRing(keyRing, 'CPR_ENCRYPTION_KEYS');
    this.pseudonymKey = Buffer.from(pseudonymKey, 'utf8');
  }

  seal(secrets: CitizenSecrets): string {
    return this.keyRing.seal(JSON.stringify(secrets));
  }

  open(sealed: string): CitizenSecrets {
    return JSON.parse(this.keyRing.open(sealed)) as CitizenSecrets;
  }

  /** True when the value was sealed with an older key and should be re-sealed. */
  isStale(sealed: string): boolean {
    return this.keyRing.isStale(sealed);
  }

  pseudonym(cpr: string): string {
    return createHmac('sha256', this.pseudonymKey).update(cpr).digest('base64url');
  }
}
