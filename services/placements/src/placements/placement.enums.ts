import { registerEnumType } from '@nestjs/graphql';
import { FollowUpParticipant } from './follow-up.entity';
import { HoursChangeKind } from './placement-hours.entity';
import { FollowUpParty } from './placement-rules';

type EnumObject<T extends readonly string[]> = { [K in T[number]]: K };

/** A GraphQL enum of a placements-only code list (the shared DOMAIN.md lists come from @platform/graphql). */
function graphqlEnum<const T extends readonly string[]>(name: string, values: T): EnumObject<T> {
  const object = Object.fromEntries(values.map((value) => [value, value])) as EnumObject<T>;
  registerEnumType(object, { name });
  return object;
}

export const PlacementStatus = ['ACTIVE', 'ENDED'] as const;
export type PlacementStatus = (typeof PlacementStatus)[number];

export const FollowUpParticipantEnum = graphqlEnum('FollowUpParticipant', FollowUpParticipant);
export const FollowUpPartyEnum = graphqlEnum('FollowUpParty', FollowUpParty);
export const HoursChangeKindEnum = graphqlEnum('HoursChangeKind', HoursChangeKind);
export const PlacementStatusEnum = graphqlEnum('PlacementStatus', PlacementStatus);
