/** @platform/graphql: what every service needs to be a federation subgraph. */
export {
  connectionTypes,
  PageInfo,
  toConnection,
  type Connection,
  type ConnectionOptions,
  type Edge,
} from './connection';
export { REFERRAL_DESCRIPTION } from './descriptions';
export { GraphQLEnums, graphqlEnum, type EnumDescription } from './enums';
export { DateScalar } from './scalars';
export { subgraphModule, type SubgraphOptions } from './subgraph.module';
