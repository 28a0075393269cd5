import type { MigrationInterface, QueryRunner } from 'typeorm';
import { downgradeAuditLog, upgradeAuditLog } from '@platform/audit';

// The one audit row format of @platform/audit (ADR 0052); rows already written are kept.
export class OneAuditTrail1795400000000 implements MigrationInterface {
  name = 'OneAuditTrail1795400000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await upgradeAuditLog(queryRunner, 'progression');
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await downgradeAuditLog(queryRunner, 'progression');
  }
}
