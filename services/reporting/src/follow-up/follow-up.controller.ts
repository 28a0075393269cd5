import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiOp } from '@platform/http';
import { OutcomesDuePageResponse } from './follow-up.responses';
import { CurrentActor, Roles, type Actor } from '@platform/auth';
import { OutcomesDueQueryDto } from './follow-up.dto';
import { FollowUpQueries } from './follow-up.queries';

@ApiTags('reporting')
@Controller('api/v1/reports')
export class FollowUpController {
  constructor(private readonly queries: FollowUpQueries) {}

  @Get('outcomes-due')
  @Roles('jobcenter', 'provider', 'admin')
  @ApiOp('listOutcomesDue', 'Outcome horizons (END_PLUS_3M/6M/12M) due or overdue and not yet recorded')
  @ApiOkResponse({ type: OutcomesDuePageResponse })
  outcomesDue(@CurrentActor() actor: Actor, @Query() query: OutcomesDueQueryDto) {
    return this.queries.outcomesDue(actor, query);
  }
}
