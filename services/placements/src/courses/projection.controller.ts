import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@platform/auth';
import { CourseProjection } from '@platform/course';

@ApiTags('operations')
@Controller('api/v1/admin/referral-projection')
export class ProjectionController {
  constructor(private readonly projection: CourseProjection) {}

  @Post('rebuild')
  @HttpCode(202)
  @Roles('admin')
  @ApiOperation({ summary: 'Forget the referral-state projection and rebuild it from referrals.events.v1' })
  async rebuild() {
    await this.projection.rebuild();
    return { status: 'rebuilding' };
  }
}
