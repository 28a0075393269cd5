import { registerEnumType } from '@nestjs/graphql';
import {
  Assessor,
  CancelReason,
  ChangeRequestKind,
  ChangeRequestStatus,
  EndReason,
  ExitStatus,
  FollowUpMode,
  PackageType,
  PlacementEndReason,
  PlacementType,
  Purpose,
  ReferralStatus,
  RejectReason,
  ReportingHorizon,
  ReportKind,
  TargetGroup,
} from '@platform/domain-kernel';

type EnumObject<T extends readonly string[]> = { [K in T[number]]: K };

/** A GraphQL enum with exactly the values of a DOMAIN.md code list, registered once for every subgraph. */
function graphqlEnum<const T extends readonly string[]>(name: string, values: T): EnumObject<T> {
  const object = Object.fromEntries(values.map((value) => [value, value])) as EnumObject<T>;
  registerEnumType(object, { name });
  return object;
}

/**
 * The code lists as GraphQL enums. Every subgraph takes them from here, so an enum shared across subgraphs has the
 * same values everywhere (federation composition requires that of enums used as input).
 */
export const GraphQLEnums = {
  Assessor: graphqlEnum('Assessor', Assessor),
  CancelReason: graphqlEnum('CancelReason', CancelReason),
  ChangeRequestKind: graphqlEnum('ChangeRequestKind', ChangeRequestKind),
  ChangeRequestStatus: graphqlEnum('ChangeRequestStatus', ChangeRequestStatus),
  EndReason: graphqlEnum('EndReason', EndReason),
  ExitStatus: graphqlEnum('ExitStatus', ExitStatus),
  FollowUpMode: graphqlEnum('FollowUpMode', FollowUpMode),
  // API.md's OutcomeHorizon includes AT_END (the status recorded when the course ends).
  OutcomeHorizon: graphqlEnum('OutcomeHorizon', ReportingHorizon),
  PackageType: graphqlEnum('PackageType', PackageType),
  PlacementEndReason: graphqlEnum('PlacementEndReason', PlacementEndReason),
  PlacementType: graphqlEnum('PlacementType', PlacementType),
  Purpose: graphqlEnum('Purpose', Purpose),
  ReferralStatus: graphqlEnum('ReferralStatus', ReferralStatus),
  RejectReason: graphqlEnum('RejectReason', RejectReason),
  ReportKind: graphqlEnum('ReportKind', ReportKind),
  TargetGroup: graphqlEnum('TargetGroup', TargetGroup),
};
