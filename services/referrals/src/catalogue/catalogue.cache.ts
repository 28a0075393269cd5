import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OfferEntity } from './offer.entity';
import { ProviderEntity } from './provider.entity';
import { managerOf } from '@platform/messaging';

const TTL_MS = 60_000;

/**
 * Providers and offers as seen by the referral hot path. The catalogue only grows (no updates or deletes), so a
 * short-lived cache of what was found is safe; misses always go to the database, so a new offer is usable at once.
 */
@Injectable()
export class CatalogueCache {
  private readonly providers = new Map<string, { value: ProviderEntity; at: number }>();
  private readonly offers = new Map<string, { value: OfferEntity; at: number }>();

  constructor(private readonly dataSource: DataSource) {}

  provider(id: string): Promise<ProviderEntity | null> {
    return this.cached(this.providers, id, () => managerOf(this.dataSource).findOneBy(ProviderEntity, { id }));
  }

  offer(id: string): Promise<OfferEntity | null> {
    return this.cached(this.offers, id, () => managerOf(this.dataSource).findOneBy(OfferEntity, { id }));
  }

  private async cached<T>(map: Map<string, { value: T; at: number }>, id: string, load: () => Promise<T | null>) {
    const hit = map.get(id);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
    const value = await load();
    if (value) map.set(id, { value, at: Date.now() });
    return value;
  }
}
