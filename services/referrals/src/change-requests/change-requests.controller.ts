import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiConditionalRead, ApiConditionalWrite, ApiOp, ApiProblems } from '@platform/http';
import { ChangeRequestListResponse, ChangeRequestResponse } from './change-request.responses';
import { CurrentActor, Roles, type Actor } from '@platform/auth';
import { ConditionalRequests } from '@platform/http';
import { IdParam } from '../referrals/referral.dto';
import { ChangeRequestIdParam, DecideChangeDto, ProposeChangeDto } from './change-request.dto';
import { ChangeRequestUseCases, changeRequestView } from './change-request.use-cases';

@ApiTags('change-requests')
@Controller('api/v1')
@ConditionalRequests()
export class ChangeRequestsController {
  constructor(private readonly useCases: ChangeRequestUseCases) {}

  @Post('referrals/:id/change-requests')
  @Roles('provider', 'admin')
  @ApiOp('proposeChangeRequest', 'Propose to extend, change hours or end a course early')
  @ApiProblems(409, 422)
  @ApiConditionalWrite()
  @ApiCreatedResponse({ type: ChangeRequestResponse })
  async propose(@CurrentActor() actor: Actor, @Param() { id }: IdParam, @Body() dto: ProposeChangeDto) {
    return changeRequestView(await this.useCases.propose(actor, id, dto));
  }

  @Get('referrals/:id/change-requests')
  @Roles('jobcenter', 'provider', 'admin')
  @ApiOp('listChangeRequests', "A referral's change requests")
  @ApiOkResponse({ type: ChangeRequestListResponse })
  async list(@CurrentActor() actor: Actor, @Param() { id }: IdParam) {
    return { items: (await this.useCases.list(actor, id)).map(changeRequestView) };
  }

  @Get('change-requests/:crId')
  @Roles('jobcenter', 'provider', 'admin')
  @ApiOp('getChangeRequest', 'A change request, with its version as ETag')
  @ApiOkResponse({ type: ChangeRequestResponse })
  @ApiConditionalRead()
  async get(@CurrentActor() actor: Actor, @Param() { crId }: ChangeRequestIdParam) {
    return changeRequestView(await this.useCases.get(actor, crId));
  }

  @Post('change-requests/:crId/approve')
  @HttpCode(200)
  @Roles('jobcenter', 'admin')
  @ApiOp('approveChangeRequest', 'Approve a change request; the change is applied to the course')
  @ApiProblems(409, 422)
  @ApiConditionalWrite()
  @ApiOkResponse({ type: ChangeRequestResponse })
  async approve(@CurrentActor() actor: Actor, @Param() { crId }: ChangeRequestIdParam, @Body() dto: DecideChangeDto) {
    return changeRequestView(await this.useCases.decide(actor, crId, true, dto));
  }

  @Post('change-requests/:crId/reject')
  @HttpCode(200)
  @Roles('jobcenter', 'admin')
  @ApiOp('rejectChangeRequest', 'Reject a change request; the course is unchanged')
  @ApiProblems(409, 422)
  @ApiConditionalWrite()
  @ApiOkResponse({ type: ChangeRequestResponse })
  async reject(@CurrentActor() actor: Actor, @Param() { crId }: ChangeRequestIdParam, @Body() dto: DecideChangeDto) {
    return changeRequestView(await this.useCases.decide(actor, crId, false, dto));
  }
}
