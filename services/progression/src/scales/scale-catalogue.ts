import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Actor } from '@platform/auth';
import { DomainError } from '@platform/domain-kernel';
import { validationFailed } from '@platform/http';
import { BUILT_IN_SCALES } from './built-in-scales';
import { checkDimensions, type ScaleDefinition } from './scale-definition';
import type { PublishScaleDto } from './scale.dto';
import { ScaleEntity } from './scale.entity';
import { managerOf } from '@platform/messaging';

export interface ScaleView extends ScaleDefinition {
  publishedAt: string;
}

/** How long a replica may serve a stale list of versions (a version published on another replica). */
const CACHE_MS = 5_000;

/**
 * The published scales. Versions are immutable, so they are cached; only "which version is the latest" can go
 * stale, for at most CACHE_MS on other replicas (this replica refreshes at once when it publishes).
 */
@Injectable()
export class ScaleCatalogue {
  private cache?: { at: number; scales: Promise<ScaleView[]> };

  constructor(private readonly dataSource: DataSource) {}

  async list(): Promise<ScaleView[]> {
    if (!this.cache || Date.now() - this.cache.at > CACHE_MS) {
      const scales = this.load();
      this.cache = { at: Date.now(), scales };
      scales.catch(() => (this.cache = undefined));
    }
    return this.cache.scales;
  }

  /** A scale version, or the latest version when none is given; undefined when there is no such scale. */
  async find(code: string, version?: number): Promise<ScaleView | undefined> {
    const versions = (await this.list()).filter((s) => s.code === code);
    if (version === undefined) return versions[versions.length - 1];
    return versions.find((s) => s.version === version) ?? (await this.loadOne(code, version));
  }

  async versions(code: string): Promise<ScaleView[]> {
    const versions = (await this.list()).filter((s) => s.code === code);
    if (versions.length === 0) throw new DomainError('NOT_FOUND', `Scale ${code} was not found`);
    return versions;
  }

  async publish(actor: Actor, dto: PublishScaleDto): Promise<ScaleView> {
    const errors = checkDimensions(dto.dimensions);
    if (errors.length > 0) throw validationFailed(errors);
    const saved = await managerOf(this.dataSource).transaction(async (manager) => {
      // Versions of one code are numbered one after the other; serialise publishers of the same code.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`scale:${dto.code}`]);
      const [{ latest }] = await manager.query<{ latest: number | null }[]>(
        `SELECT max(version) AS latest FROM ${manager.connection.getMetadata(ScaleEntity).tablePath} WHERE code = $1`,
        [dto.code],
      );
      const entity = Object.assign(new ScaleEntity(), {
        code: dto.code,
        version: (latest ?? 0) + 1,
        name: dto.name,
        dimensions: dto.dimensions.map((d) => ({
          code: d.code,
          label: d.label,
          levels: d.levels.map((l) => ({ value: l.value, code: l.code, label: l.label })),
        })),
        publishedBy: actor.sub,
        publishedAt: new Date(),
      });
      await manager.insert(ScaleEntity, entity);
      return entity;
    });
    this.cache = undefined;
    return toView(saved);
  }

  private async load(): Promise<ScaleView[]> {
    const rows = await managerOf(this.dataSource).find(ScaleEntity, { order: { code: 'ASC', version: 'ASC' } });
    return rows.map(toView);
  }

  private async loadOne(code: string, version: number): Promise<ScaleView | undefined> {
    const row = await managerOf(this.dataSource).findOneBy(ScaleEntity, { code, version });
    return row ? toView(row) : undefined;
  }
}

const toView = (row: ScaleEntity): ScaleView => ({
  code: row.code,
  version: row.version,
  name: row.name,
  dimensions: row.dimensions,
  publishedAt: row.publishedAt.toISOString(),
});

/** Inserts the built-in scales that are missing (migrations and `migrate --seed`); returns how many. */
export async function ensureBuiltInScales(manager: EntityManager): Promise<number> {
  const result = await manager
    .createQueryBuilder()
    .insert()
    .into(ScaleEntity)
    .values(BUILT_IN_SCALES.map((s) => ({ ...s, publishedBy: 'built-in' })))
    .orIgnore()
    .returning(['code'])
    .execute();
  return (result.raw as unknown[]).length;
}
