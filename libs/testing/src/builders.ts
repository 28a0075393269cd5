import { randomInt, randomUUID } from 'node:crypto';
import { mintToken } from '@platform/auth';
import type { Role } from '@platform/domain-kernel';

/** A valid CPR number with a real birth date (the century digit keeps 19xx). */
export function validCpr(): string {
  const day = String(randomInt(1, 29)).padStart(2, '0');
  const month = String(randomInt(1, 13)).padStart(2, '0');
  const year = String(randomInt(50, 100)).padStart(2, '0');
  return `${day}${month}${year}${randomInt(0, 4)}${String(randomInt(0, 1000)).padStart(3, '0')}`;
}

export interface ReferralBody {
  externalRef: string;
  municipalityCode: string;
  citizen: { cpr: string; name: string; phone?: string; email?: string; interpreterNeeded?: boolean };
  caseworker: { name: string; email?: string };
  providerId: string;
  offerId: string;
  targetGroup: string;
  purposes: string[];
  focusPoints?: string[];
  hoursPerWeek: number;
  plannedStart: string;
  plannedWeeks: number;
  accommodations?: string[];
}

/** Fluent builder for the body of POST /api/v1/referrals: `ReferralBuilder.valid().forProvider(p, o).build()`. */
export class ReferralBuilder {
  private constructor(private body: ReferralBody) {}

  static valid(): ReferralBuilder {
    return new ReferralBuilder({
      externalRef: `KK-TEST-${randomUUID()}`,
      municipalityCode: '101',
      citizen: { cpr: validCpr(), name: 'Test Borger', phone: '+4512345678', interpreterNeeded: false },
      caseworker: { name: 'Sagsbehandler Test', email: 'sagsbehandler@kk.dk' },
      providerId: '00000000',
      offerId: randomUUID(),
      targetGroup: 'CASH_BENEFIT',
      purposes: ['JOB'],
      focusPoints: ['Afklaring af arbejdsevne'],
      hoursPerWeek: 12,
      plannedStart: '2026-12-01',
      plannedWeeks: 13,
      accommodations: ['Ingen tunge løft'],
    });
  }

  forProvider(providerId: string, offerId: string): this {
    this.body = { ...this.body, providerId, offerId };
    return this;
  }

  inMunicipality(code: string): this {
    this.body = { ...this.body, municipalityCode: code };
    return this;
  }

  with(patch: Partial<ReferralBody>): this {
    this.body = { ...this.body, ...patch };
    return this;
  }

  build(): ReferralBody {
    return structuredClone(this.body);
  }
}

export interface PlacementBody {
  type:
    | 'INTERNSHIP'
    | 'WAGE_SUBSIDY'
    | 'SMALL_JOB'
    | 'FLEX_JOB'
    | 'ORDINARY_JOB'
    | 'TASTER'
    | 'HYBRID'
    | 'ADULT_APPRENTICESHIP';
  internal: boolean;
  employer: { cvr: string; name: string; pNumber?: string };
  startDate: string;
  plannedEndDate?: string;
  hoursPerWeek: number;
  paidHoursPerWeek?: number;
  agreement: {
    workFunctions: string[];
    trainingGoals: string[];
    accommodations: string[];
    aids: string[];
    support: string[];
    followUp: { citizenEveryDays: number; employerEveryDays: number };
  };
}

/** Fluent builder for the body of POST /api/v1/referrals/{id}/placements: an external 4-hour internship. */
export class PlacementBuilder {
  private constructor(private body: PlacementBody) {}

  static valid(): PlacementBuilder {
    return new PlacementBuilder({
      type: 'INTERNSHIP',
      internal: false,
      employer: { cvr: '10000009', name: 'Bageriet ApS' },
      startDate: '2026-12-01',
      hoursPerWeek: 4,
      agreement: {
        workFunctions: ['Opfyldning'],
        trainingGoals: [],
        accommodations: [],
        aids: [],
        support: [],
        followUp: { citizenEveryDays: 7, employerEveryDays: 14 },
      },
    });
  }

  startingOn(date: string): this {
    this.body = { ...this.body, startDate: date };
    return this;
  }

  with(patch: Partial<PlacementBody>): this {
    this.body = { ...this.body, ...patch };
    return this;
  }

  build(): PlacementBody {
    return structuredClone(this.body);
  }
}

/** A development token for a role and organisation, signed with the configured secret. */
export function tokenFor(role: Role, org = '', sub = `${role}-${org || 'platform'}`): Promise<string> {
  return mintToken(
    {
      jwtSecret: process.env.AUTH_JWT_SECRET,
      issuer: process.env.AUTH_ISSUER ?? 'jobplatform-dev',
      audience: process.env.AUTH_AUDIENCE ?? 'jobplatform',
    },
    { sub, role, org, name: `Test ${role}` },
  );
}
