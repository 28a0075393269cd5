import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';
import platform from './tools/eslint-rules/index.cjs';
import graphqlPlugin from '@graphql-eslint/eslint-plugin';

/**
 * The GraphQL schema lint (issue 12: "GraphQL a BI tool can trust"): each subgraph's printed SDL and the composed
 * supergraph, each linted as the schema it is, with @graphql-eslint's recommended schema rules and its Relay rules.
 * What federation adds to a printed subgraph (`_Service`, `_Any`, `_Entity`, `_entities`, `_service`, `link__*`,
 * `federation__*`, the definitions of `@key`, `@shareable`, `@tag`, …) and to the supergraph (`join__*`, `link__*`)
 * is not ours to name, describe or use, so only those exact names are exempt; everything we write is held to the rules.
 */
const FEDERATION_NAME = '^(_Service|_Any|_Entity|_entities|_service|link__\\w+|federation__\\w+|join__\\w+)$';
const FEDERATION_DIRECTIVES = new Set(['key', 'requires', 'provides', 'external', 'inaccessible', 'shareable', 'tag']);
const isFederationName = (name) => new RegExp(FEDERATION_NAME, 'u').test(name);
const FEDERATION_SELECTORS = [
  `[name.value=/${FEDERATION_NAME}/]`,
  `[parent.name.value=/${FEDERATION_NAME}/]`,
  // The arguments of federation's directive definitions (`@key(fields:)`, `@link(url:)`, …).
  `[parent.kind=DirectiveDefinition][parent.name.value=/^(link|${[...FEDERATION_DIRECTIVES].join('|')})$/]`,
  // The root operation types: code-first NestJS cannot describe `Query` and `Mutation` themselves; each of their
  // fields is described.
  'ObjectTypeDefinition[name.value=/^(Query|Mutation)$/]',
];

/**
 * A @graphql-eslint rule without its reports on what federation declares (`isFederation` says which). Used for
 * no-unreachable-types, which reports the directives every printed subgraph declares whether it uses them or not
 * (`@requires`, `@tag`, `@federation__override`, …; `@join__*` in the supergraph), and for naming-convention, whose
 * leading-underscore check also fires on references to `_Any` and `_Entity`. Neither rule has an option for that;
 * every name of ours is still checked.
 */
function withoutFederation(name, isFederation) {
  const rule = graphqlPlugin.rules[name];
  return {
    ...rule,
    create(context) {
      const filtered = Object.create(context, {
        report: { value: (descriptor) => isFederation(descriptor) || context.report(descriptor) },
      });
      return rule.create(filtered);
    },
  };
}
const graphqlFederation = {
  rules: {
    'no-unreachable-types': withoutFederation('no-unreachable-types', ({ data }) => {
      const name = data?.typeName ?? '';
      return isFederationName(name) || (data?.type === 'Directive' && FEDERATION_DIRECTIVES.has(name));
    }),
    'naming-convention': withoutFederation('naming-convention', ({ node }) => isFederationName(node?.value ?? '')),
  },
};

const graphqlSchemaRules = {
  ...graphqlPlugin.configs['flat/schema-recommended'].rules,
  ...graphqlPlugin.configs['flat/schema-relay'].rules,
  // A description on every type, field, argument, enum type and enum value: the BI data catalogue. Directive
  // definitions are federation's, not ours (DirectiveDefinition left out).
  '@graphql-eslint/require-description': [
    'error',
    {
      types: true,
      rootField: true,
      FieldDefinition: true,
      InputValueDefinition: true,
      EnumValueDefinition: true,
      ignoredSelectors: FEDERATION_SELECTORS,
    },
  ],
  // The recommended naming, with federation's own names exempt (see FEDERATION_NAME and withoutFederation).
  '@graphql-eslint/naming-convention': 'off', // replaced by the federation-aware wrapper
  'graphql-federation/naming-convention': [
    'error',
    {
      types: { style: 'PascalCase', ignorePattern: FEDERATION_NAME },
      FieldDefinition: { style: 'camelCase', ignorePattern: FEDERATION_NAME },
      InputValueDefinition: 'camelCase',
      Argument: 'camelCase',
      DirectiveDefinition: { style: 'camelCase', ignorePattern: FEDERATION_NAME },
      EnumValueDefinition: 'UPPER_CASE',
      'FieldDefinition[parent.name.value=Query]': { forbiddenPrefixes: ['query', 'get'], forbiddenSuffixes: ['Query'] },
      'FieldDefinition[parent.name.value=Mutation]': {
        forbiddenPrefixes: ['mutation'],
        forbiddenSuffixes: ['Mutation'],
      },
      'EnumTypeDefinition,EnumTypeExtension': { forbiddenPrefixes: ['Enum'], forbiddenSuffixes: ['Enum'] },
      'ObjectTypeDefinition,ObjectTypeExtension': { forbiddenPrefixes: ['Type'], forbiddenSuffixes: ['Type'] },
    },
  ],
  '@graphql-eslint/no-unreachable-types': 'off', // replaced by the federation-aware wrapper below
  'graphql-federation/no-unreachable-types': 'error',
  // Off, with reason: the rule wants an `id: ID!` on every object type, but only entities have identity. Ours are
  // federation entities marked with @key (Referral) or have their `id` (Placement, Measurement, Report, …); the rest
  // are value types (Employer, CurvePoint, ProviderKpi, PageInfo, edges) that no client refetches by id.
  '@graphql-eslint/strict-id-in-types': 'off',
  // Forward paging only (`first`/`after`), as REST's `limit`/`cursor`: no `last`/`before` (includeBoth: false).
  '@graphql-eslint/relay-arguments': ['error', { includeBoth: false }],
  // Options, with reasons: a list bounded by its parent (a referral's history, a course's placements, the KPIs per
  // provider) is a plain list by design; every paged list is a connection (checked by relay-connection-types and
  // relay-arguments), so lists need not wrap edges. Nodes need not implement a Relay `Node` interface: federation
  // identifies entities with @key, and a connection may list value rows (OutcomeDue).
  '@graphql-eslint/relay-edge-types': ['error', { listTypeCanWrapOnlyEdgeType: false, shouldImplementNode: false }],
};
const GRAPHQL_SCHEMAS = {
  referrals: 'services/referrals/schema.graphql',
  placements: 'services/placements/schema.graphql',
  progression: 'services/progression/schema.graphql',
  reporting: 'services/reporting/schema.graphql',
  supergraph: 'services/gateway/supergraph.graphql',
};
// One graphQLConfig with a project per file: graphql-eslint keeps the first graphQLConfig it loads for the whole run,
// so a per-file `schema` would lint every file against the first file's schema. A file belongs to the project whose
// schema it is.
const graphqlSchemaBlock = {
  files: Object.values(GRAPHQL_SCHEMAS),
  languageOptions: {
    parser: graphqlPlugin.parser,
    parserOptions: {
      graphQLConfig: {
        projects: Object.fromEntries(Object.entries(GRAPHQL_SCHEMAS).map(([name, schema]) => [name, { schema }])),
      },
    },
  },
  plugins: { '@graphql-eslint': graphqlPlugin, 'graphql-federation': graphqlFederation },
  rules: graphqlSchemaRules,
};

/**
 * relay-page-info off, with reason, for the subgraphs without a paged list: placements (its lists are bounded by a
 * placement or a course, and overdueFollowUps is unpaged like REST's /placements/follow-ups/overdue) and progression.
 * The rule would demand a `PageInfo` type that no field there returns (and checks that only for the first file of a
 * run). PageInfo's four fields are checked where connections are: referrals, reporting and the supergraph.
 */
const graphqlSubgraphsWithoutConnections = {
  files: [GRAPHQL_SCHEMAS.placements, GRAPHQL_SCHEMAS.progression],
  rules: { '@graphql-eslint/relay-page-info': 'off' },
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'libs/contracts/src/gen/**',
      // Generated from contracts/openapi.json by openapi-typescript (drift-checked by the contract gate).
      'packages/api-client/src/schema.ts',
      '.cache/**',
      '.data/**',
      '**/*.mjs',
      '**/*.cjs',
    ],
  },
  {
    // typescript-eslint's type-checked rules are for TypeScript only; the GraphQL files have their own blocks below.
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
  },
  prettier,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/unbound-method': 'off',
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
            { sourceTag: 'scope:referrals', onlyDependOnLibsWithTags: ['scope:shared', 'scope:referrals'] },
            { sourceTag: 'scope:placements', onlyDependOnLibsWithTags: ['scope:shared', 'scope:placements'] },
            { sourceTag: 'scope:progression', onlyDependOnLibsWithTags: ['scope:shared', 'scope:progression'] },
            { sourceTag: 'scope:reporting', onlyDependOnLibsWithTags: ['scope:shared', 'scope:reporting'] },
            { sourceTag: 'scope:gateway', onlyDependOnLibsWithTags: ['scope:shared', 'scope:gateway'] },
            { sourceTag: 'scope:tools', onlyDependOnLibsWithTags: ['scope:shared', 'scope:tools'] },
            {
              sourceTag: 'type:app',
              onlyDependOnLibsWithTags: [
                'type:feature',
                'type:data-access',
                'type:contracts',
                'type:util',
                'type:testing',
              ],
            },
            { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:util', 'type:contracts'] },
            { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
            {
              sourceTag: 'type:testing',
              onlyDependOnLibsWithTags: ['type:util', 'type:contracts', 'type:data-access', 'type:testing'],
            },
            {
              sourceTag: 'type:data-access',
              onlyDependOnLibsWithTags: ['type:data-access', 'type:util', 'type:contracts'],
            },
          ],
        },
      ],
    },
  },
  {
    // STYLE.md 13: every route and resolver declares who may call it (ADR 0052).
    files: ['services/**/src/**/*.ts', 'libs/**/src/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    plugins: { platform },
    rules: { 'platform/require-access-declaration': 'error' },
  },
  {
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'libs/testing/**/*.ts', 'tools/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  graphqlSchemaBlock,
  graphqlSubgraphsWithoutConnections,
);
