import { ApiProperty } from '@nestjs/swagger';
import { PackageType, TargetGroup } from '@platform/domain-kernel';

export class ProviderResponse {
  @ApiProperty({ example: '12345678', pattern: '^[0-9]{8}$', description: 'The CVR number' })
  id: string;

  @ApiProperty()
  name: string;

  @ApiProperty({ type: [String], example: ['101'], description: 'Municipality codes served' })
  municipalities: string[];
}

export class ProviderListResponse {
  @ApiProperty({ type: [ProviderResponse] })
  items: ProviderResponse[];
}

export class OfferResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ pattern: '^[0-9]{8}$' })
  providerId: string;

  @ApiProperty({ enum: PackageType })
  packageType: PackageType;

  @ApiProperty()
  name: string;

  @ApiProperty({ type: 'string', nullable: true })
  tenderArea: string | null;

  @ApiProperty({ enum: TargetGroup, isArray: true })
  targetGroups: TargetGroup[];

  @ApiProperty({ type: 'number', nullable: true })
  weeklyHours: number | null;

  @ApiProperty({ type: 'integer', nullable: true })
  maxWeeks: number | null;

  @ApiProperty({ type: 'integer', nullable: true })
  answerWithinWorkingDays: number | null;

  @ApiProperty({ type: 'integer', nullable: true })
  startWithinWorkingDays: number | null;
}

export class OfferListResponse {
  @ApiProperty({ type: [OfferResponse] })
  items: OfferResponse[];
}
