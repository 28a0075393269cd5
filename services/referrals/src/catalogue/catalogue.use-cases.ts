import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { DomainError } from '@platform/domain-kernel';
import type { CreateOfferDto, CreateProviderDto } from './catalogue.dto';
import { DEMO_CATALOGUE } from './demo-catalogue';
import { OfferEntity } from './offer.entity';
import { ProviderEntity } from './provider.entity';
import { managerOf } from '@platform/messaging';

export const providerView = (p: ProviderEntity) => ({ id: p.id, name: p.name, municipalities: p.municipalities });

export const offerView = (o: OfferEntity) => ({
  id: o.id,
  providerId: o.providerId,
  packageType: o.packageType,
  name: o.name,
  tenderArea: o.tenderArea,
  targetGroups: o.targetGroups,
  weeklyHours: o.weeklyHours,
  maxWeeks: o.maxWeeks,
  answerWithinWorkingDays: o.answerWithinWorkingDays,
  startWithinWorkingDays: o.startWithinWorkingDays,
});

/** Providers and their offers (admin writes, everyone reads). */
@Injectable()
export class CatalogueUseCases {
  constructor(private readonly dataSource: DataSource) {}

  async createProvider(dto: CreateProviderDto): Promise<ProviderEntity> {
    const provider = Object.assign(new ProviderEntity(), {
      id: dto.id,
      name: dto.name,
      municipalities: [...new Set(dto.municipalities)],
      createdAt: new Date(),
    });
    const inserted = await managerOf(this.dataSource)
      .createQueryBuilder()
      .insert()
      .into(ProviderEntity)
      .values(provider)
      .orIgnore()
      .returning(['id'])
      .execute();
    if ((inserted.raw as unknown[]).length === 0) {
      throw new DomainError('CONFLICT', `Provider ${dto.id} already exists`, { existingId: dto.id });
    }
    return provider;
  }

  async createOffer(dto: CreateOfferDto): Promise<OfferEntity> {
    if (!(await managerOf(this.dataSource).existsBy(ProviderEntity, { id: dto.providerId }))) {
      throw new DomainError('UNKNOWN_REFERENCE', `Provider ${dto.providerId} does not exist`, {
        errors: [{ field: 'providerId', message: 'no such provider' }],
      });
    }
    const offer = Object.assign(new OfferEntity(), {
      id: randomUUID(),
      providerId: dto.providerId,
      packageType: dto.packageType,
      name: dto.name,
      tenderArea: dto.tenderArea ?? null,
      targetGroups: [...new Set(dto.targetGroups)],
      weeklyHours: dto.weeklyHours ?? null,
      maxWeeks: dto.maxWeeks ?? null,
      answerWithinWorkingDays: dto.answerWithinWorkingDays ?? null,
      startWithinWorkingDays: dto.startWithinWorkingDays ?? null,
      createdAt: new Date(),
    });
    await managerOf(this.dataSource).insert(OfferEntity, offer);
    return offer;
  }

  listProviders(): Promise<ProviderEntity[]> {
    return managerOf(this.dataSource).find(ProviderEntity, { order: { name: 'ASC' } });
  }

  listOffers(providerId?: string): Promise<OfferEntity[]> {
    return managerOf(this.dataSource).find(OfferEntity, {
      where: providerId ? { providerId } : {},
      order: { providerId: 'ASC', packageType: 'ASC' },
    });
  }
}

/** Loads the demo catalogue of seed 003 when the catalogue is empty; returns how many offers it added. */
export async function seedDemoCatalogue(dataSource: DataSource): Promise<number> {
  return dataSource.transaction(async (manager) => {
    if ((await manager.count(ProviderEntity)) > 0) return 0;
    const now = new Date();
    await manager.insert(
      ProviderEntity,
      DEMO_CATALOGUE.map((p) => ({ id: p.id, name: p.name, municipalities: [...p.municipalities], createdAt: now })),
    );
    const offers = DEMO_CATALOGUE.flatMap((p) =>
      p.offers.map((o) => ({
        id: randomUUID(),
        providerId: p.id,
        packageType: o.packageType,
        name: o.name,
        tenderArea: o.tenderArea,
        targetGroups: [...o.targetGroups],
        weeklyHours: o.weeklyHours,
        maxWeeks: o.maxWeeks,
        answerWithinWorkingDays: null,
        startWithinWorkingDays: null,
        createdAt: now,
      })),
    );
    await manager.insert(OfferEntity, offers);
    return offers.length;
  });
}
