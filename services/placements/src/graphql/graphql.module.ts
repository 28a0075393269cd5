import { ApolloFederationDriver, type ApolloFederationDriverConfig } from '@nestjs/apollo';
import { Module, type DynamicModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import type { FastifyRequest } from 'fastify';
import { TokenVerifier } from '@platform/auth';
import { graphqlContext } from './graphql-context';
import { PlacementResolver, ReferralPlacementsResolver } from './placement.resolver';
import { Referral } from './placement.types';

/**
 * The placements subgraph (Apollo Federation 2, code-first): extends `Referral` with `placements` and offers the
 * placement reads and writes. The SDL it serves is checked in as services/placements/schema.graphql.
 */
@Module({})
export class PlacementsGraphQLModule {
  static register(): DynamicModule {
    return {
      module: PlacementsGraphQLModule,
      imports: [
        GraphQLModule.forRootAsync<ApolloFederationDriverConfig>({
          driver: ApolloFederationDriver,
          inject: [TokenVerifier],
          useFactory: (verifier: TokenVerifier) => ({
            path: '/graphql',
            // Federation 2.3: what the gateway's composition understands; only @key and @shareable are used.
            autoSchemaFile: {
              federation: {
                version: 2,
                importUrl: 'https://specs.apollo.dev/federation/v2.3',
                directives: ['@key', '@shareable'],
              },
            },
            sortSchema: true,
            // Referral is reachable only through _entities; keep it in the schema.
            buildSchemaOptions: { orphanedTypes: [Referral] },
            playground: false,
            introspection: true,
            // Field resolvers (Referral.placements) get the error filter too, so their errors carry codes.
            fieldResolverEnhancers: ['filters'],
            context: (req: FastifyRequest) => graphqlContext(verifier, req),
          }),
        }),
      ],
      providers: [ReferralPlacementsResolver, PlacementResolver],
    };
  }
}
