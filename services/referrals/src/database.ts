import type { DataSource } from 'typeorm';
import { AuditRecord } from '@platform/audit';
import { IdempotencyRecord } from '@platform/http';
import { MESSAGING_ENTITIES } from '@platform/messaging';
import { createDataSource } from '@platform/persistence';
import { OfferEntity } from './catalogue/offer.entity';
import { ProviderEntity } from './catalogue/provider.entity';
import { ChangeRequestEntity } from './change-requests/change-request.entity';
import { MIGRATIONS } from './migrations';
import { OutcomeEntity } from './referrals/outcome.entity';
import { ReferralHistoryEntity } from './referrals/referral-history.entity';
import { ReferralEntity } from './referrals/referral.entity';

export const SCHEMA = 'referrals';

export const ENTITIES = [
  ProviderEntity,
  OfferEntity,
  ReferralEntity,
  ReferralHistoryEntity,
  OutcomeEntity,
  ChangeRequestEntity,
  AuditRecord,
  IdempotencyRecord,
  ...MESSAGING_ENTITIES,
];

export const referralsDataSource = (url?: string): DataSource =>
  createDataSource({ schema: SCHEMA, entities: ENTITIES, migrations: MIGRATIONS, url });
