import type { MigrationInterface, QueryRunner } from 'typeorm';
import { downgradeAuditLog, upgradeAuditLog } from '@platform/audit';

// The one audit row format of @platform/audit (ADR 0052); rows already written are kept.
export class OneAuditTrail1796000789347 implements MigrationInterface {
  name = 'OneAuditTrail1796000789347';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await upgradeAuditLog(queryRunner, 'progression');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await downgradeAuditLog(queryRunner, 'progression');
  }
}
