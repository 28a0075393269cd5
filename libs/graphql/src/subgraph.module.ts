import { ApolloFederationDriver, type ApolloFederationDriverConfig } from '@nestjs/apollo';
import type { DynamicModule } from '@nestjs/common';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { GraphQLModule } from '@nestjs/graphql';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { toGraphQLError, toProblem } from '@platform/http';

/** Most tokens a subgraph parses in one document (GRAPHQL_MAX_TOKENS at the gateway defaults to 1000). */
export const SUBGRAPH_MAX_TOKENS = 2000;

export interface SubgraphOptions {
  /**
   * Types no query returns but the schema must hold: an entity of another subgraph that this one only extends
   * (reached through `_entities`), e.g. progression's and reporting's `Referral`.
   */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  orphanedTypes?: Function[];
}

/**
 * The GraphQL side of a service: an Apollo Federation 2 subgraph at /graphql, schema built from the code (code
 * first, sorted so the printed SDL is stable for the supergraph drift check). Errors pass through the same
 * translator as REST (ProblemFilter), so a client sees the same codes in both, and never a stack trace.
 */
export function subgraphModule(options: SubgraphOptions = {}): DynamicModule {
  return GraphQLModule.forRoot<ApolloFederationDriverConfig>({
    driver: ApolloFederationDriver,
    path: '/graphql',
    // Federation v2.3 with only the directives we use: what the MIT composition (The Guild's) and gateway support.
    autoSchemaFile: {
      federation: {
        version: 2,
        importUrl: 'https://specs.apollo.dev/federation/v2.3',
        directives: ['@key', '@shareable', '@external', '@requires', '@provides', '@inaccessible', '@tag'],
      },
    },
    sortSchema: true,
    // The global AuthGuard also runs for @ResolveField resolvers, so the @Roles every field declares (the lint rule
    // platform/require-access-declaration) is enforced there as on queries and mutations (ADR 0052).
    fieldResolverEnhancers: ['guards'],
    buildSchemaOptions: { orphanedTypes: options.orphanedTypes ?? [] },
    // The subgraph is reached through the gateway, which serves the playground and enforces the limits.
    playground: false,
    graphiql: false,
    includeStacktraceInErrorResponses: false,
    // Defence in depth behind the gateway's limits (ADR 0070): the parser stops at the first token over the cap, so a
    // request sent to a subgraph directly cannot make validation grow quadratically without bound. Twice the gateway's
    // default, since the query plan adds `__typename` and entity fetches to what the client wrote.
    parseOptions: { maxTokens: SUBGRAPH_MAX_TOKENS },
    // Inline traces are for Apollo's commercial studio; the plugin's CJS and ESM typings differ, hence the cast.
    plugins: [ApolloServerPluginInlineTraceDisabled() as never],
    formatError,
  });
}

/**
 * Errors from paths exception filters do not reach (entity references, the federation resolvers) are translated
 * here the same way, so nothing but a coded error with a safe message leaves the subgraph.
 */
function formatError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? error.originalError : undefined;
  if (!original || original instanceof GraphQLError) return formatted;
  const translated = toGraphQLError(toProblem(original));
  return { ...formatted, message: translated.message, extensions: translated.extensions };
}
