import type { MigrationInterface, QueryRunner } from 'typeorm';
import { BUILT_IN_SCALES } from '../scales/built-in-scales';

/**
 * The built-in scales LADDER_12 v1 and RESOURCE_PROFILE_12 v1 (DOMAIN.md) are data every installation has, so they
 * arrive with the schema. Published versions never change, which is why reading them from the code is safe here.
 */
export class BuiltInScales1795346366542 implements MigrationInterface {
  name = 'BuiltInScales1795346366542';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const scale of BUILT_IN_SCALES) {
      await queryRunner.query(
        'INSERT INTO "progression"."scale" ("code", "version", "name", "dimensions", "published_by") ' +
          "VALUES ($1, $2, $3, $4, 'built-in') ON CONFLICT DO NOTHING",
        [scale.code, scale.version, scale.name, JSON.stringify(scale.dimensions)],
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const scale of BUILT_IN_SCALES) {
      await queryRunner.query('DELETE FROM "progression"."scale" WHERE "code" = $1 AND "version" = $2', [
        scale.code,
        scale.version,
      ]);
    }
  }
}
