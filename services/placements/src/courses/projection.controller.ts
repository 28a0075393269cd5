import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiTags } from '@nestjs/swagger';
import { ApiOp } from '@platform/http';
import { Roles } from '@platform/auth';
import { CourseProjection } from '@platform/course';

@ApiTags('operations')
@Controller('api/v1/admin/referral-projection')
export class ProjectionController {
  constructor(private readonly projection: CourseProjection) {}

  @Post('rebuild')
  @HttpCode(202)
  @Roles('admin')
  @ApiOp('rebuildReferralProjection', 'Forget the referral-state projection and rebuild it from referrals.events.v1')
  @ApiAcceptedResponse({
    schema: { type: 'object', required: ['status'], properties: { status: { type: 'string', enum: ['rebuilding'] } } },
  })
  async rebuild() {
    await this.projection.rebuild();
    return { status: 'rebuilding' };
  }
}
