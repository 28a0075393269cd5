import { graphqlEnum } from '@platform/graphql';
import { FollowUpParticipant } from './follow-up.entity';
import { HoursChangeKind } from './placement-hours.entity';
import { FollowUpParty } from './placement-rules';

// The placements-only code lists as GraphQL enums, described like the shared DOMAIN.md lists of @platform/graphql.

export const PlacementStatus = ['ACTIVE', 'ENDED'] as const;
export type PlacementStatus = (typeof PlacementStatus)[number];

export const FollowUpParticipantEnum = graphqlEnum('FollowUpParticipant', FollowUpParticipant, {
  description: 'Who took part in a follow-up (opfølgning); all three of citizen, employer and caseworker: trepartsmøde',
  values: {
    CITIZEN: 'The citizen (borger)',
    EMPLOYER: 'The employer (virksomhed, arbejdsgiver)',
    CASEWORKER: "The jobcenter's caseworker (sagsbehandler, jobrådgiver)",
    PROVIDER: "The provider's consultant or mentor (konsulent, virksomhedskonsulent)",
    OTHER: 'Someone else',
  },
});
export const FollowUpPartyEnum = graphqlEnum('FollowUpParty', FollowUpParty, {
  description: 'Whom the agreed follow-up rhythm of a placement is with',
  values: {
    CITIZEN: 'Follow-up with the citizen',
    EMPLOYER: 'Follow-up with the employer',
  },
});
export const HoursChangeKindEnum = graphqlEnum('HoursChangeKind', HoursChangeKind, {
  description: "What a line of a placement's hours history (timeoptrapning) records",
  values: {
    START: 'The hours the placement started with',
    CHANGE: 'A change of weekly hours, up or down',
    CONVERSION: 'Internship hours converted into paid hours (the småjob strategy)',
  },
});
export const PlacementStatusEnum = graphqlEnum('PlacementStatus', PlacementStatus, {
  description: 'Whether a placement is running',
  values: {
    ACTIVE: 'The placement is running',
    ENDED: 'The placement has ended (end date and reason recorded)',
  },
});
