import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import { MaxTokensParserWLexer } from '@escape.tech/graphql-armor-max-tokens';
import {
  GraphQLError,
  Kind,
  validate,
  type ASTVisitor,
  type DocumentNode,
  type ParseOptions,
  type SelectionSetNode,
  type Source,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { Actor } from '@platform/auth';
import type { GatewayConfig } from './config';

export type GraphQLLimits = Pick<
  GatewayConfig,
  | 'GRAPHQL_MAX_TOKENS'
  | 'GRAPHQL_MAX_ALIASES'
  | 'GRAPHQL_MAX_DIRECTIVES'
  | 'GRAPHQL_MAX_FIELD_REPEATS'
  | 'GRAPHQL_MAX_DEPTH'
  | 'GRAPHQL_MAX_COST'
  | 'GRAPHQL_INTROSPECTION'
>;

const refusal = (code: string, message: string, status = 400): GraphQLError =>
  new GraphQLError(message.replace(/^Syntax Error: /, ''), { extensions: { code, http: { status } } });

/** Reports a graphql-armor refusal with a code a client can act on, instead of armor's "Syntax Error" wording. */
const refuse =
  (code: string) =>
  (context: ValidationContext | null, error: GraphQLError): void =>
    context?.reportError(refusal(code, error.message));

/**
 * The same response name selected over and over in one selection set (inline fragments included) is what makes
 * graphql-js's OverlappingFieldsCanBeMerged rule — and the query planner after it — quadratic: `{ scales { code
 * ×8000 } }` took 10 s of the gateway's only thread. No client needs a field more than a few times in one place;
 * `__typename` (which generated clients add everywhere) is exempt.
 */
function maxFieldRepeatsRule(max: number): ValidationRule {
  return (context) => {
    let reported = false;
    const count = (set: SelectionSetNode, seen: Map<string, number>): string | undefined => {
      for (const selection of set.selections) {
        if (selection.kind === Kind.INLINE_FRAGMENT) {
          const repeated = count(selection.selectionSet, seen);
          if (repeated) return repeated;
        } else if (selection.kind === Kind.FIELD && selection.name.value !== '__typename') {
          const name = selection.alias?.value ?? selection.name.value;
          const times = (seen.get(name) ?? 0) + 1;
          if (times > max) return name;
          seen.set(name, times);
        }
      }
      return undefined;
    };
    const visitor: ASTVisitor = {
      SelectionSet(set) {
        if (reported) return false;
        const repeated = count(set, new Map());
        if (!repeated) return undefined;
        reported = true;
        context.reportError(
          refusal('QUERY_FIELD_REPEATED', `Field "${repeated}" is selected more than ${max} times in one place.`),
        );
        return false;
      },
    };
    return visitor;
  };
}

/** Introspection (`__schema`, `__type`) for the roles the setting allows: everyone, or only admin. */
function introspectionRule(allowed: boolean): ValidationRule {
  return (context) => ({
    Field(field) {
      if (allowed || (field.name.value !== '__schema' && field.name.value !== '__type')) return undefined;
      context.reportError(refusal('FORBIDDEN', 'Introspection is available to administrators only.', 403));
      return false;
    },
  });
}

/**
 * The limits a GraphQL operation must keep, as a Hive gateway (envelop) plugin. Each is judged before it can cost:
 * the token count while parsing (the parser stops at the first token over the limit), then aliases, directives,
 * repeated fields, depth, cost and introspection in one linear pass of their own BEFORE graphql-js's standard
 * validation, whose OverlappingFieldsCanBeMerged rule is quadratic. A refused operation never reaches the standard
 * rules, the planner or a subgraph: it is a GraphQL error with a code (QUERY_TOO_LARGE, QUERY_TOO_MANY_ALIASES,
 * QUERY_TOO_MANY_DIRECTIVES, QUERY_FIELD_REPEATED, QUERY_TOO_DEEP, QUERY_TOO_COMPLEX: HTTP 400; introspection
 * FORBIDDEN: 403).
 */
export function graphqlLimitsPlugin(limits: GraphQLLimits) {
  const parseWithLimit = (source: string | Source, options?: ParseOptions): DocumentNode =>
    new MaxTokensParserWLexer(source, {
      ...options,
      n: limits.GRAPHQL_MAX_TOKENS,
      propagateOnRejection: false,
      onReject: [
        (_context: unknown, error: GraphQLError) => {
          throw refusal('QUERY_TOO_LARGE', error.message);
        },
      ],
    }).parseDocument();

  const rules = (actor: Actor | undefined): ValidationRule[] => [
    maxAliasesRule({
      n: limits.GRAPHQL_MAX_ALIASES,
      propagateOnRejection: false,
      onReject: [refuse('QUERY_TOO_MANY_ALIASES')],
    }),
    maxDirectivesRule({
      n: limits.GRAPHQL_MAX_DIRECTIVES,
      propagateOnRejection: false,
      onReject: [refuse('QUERY_TOO_MANY_DIRECTIVES')],
    }),
    maxFieldRepeatsRule(limits.GRAPHQL_MAX_FIELD_REPEATS),
    maxDepthRule({
      n: limits.GRAPHQL_MAX_DEPTH,
      ignoreIntrospection: true,
      flattenFragments: true,
      propagateOnRejection: false,
      onReject: [refuse('QUERY_TOO_DEEP')],
    }),
    costLimitRule({
      maxCost: limits.GRAPHQL_MAX_COST,
      ignoreIntrospection: true,
      propagateOnRejection: false,
      onReject: [refuse('QUERY_TOO_COMPLEX')],
    }),
    introspectionRule(limits.GRAPHQL_INTROSPECTION === 'all' || actor?.role === 'admin'),
  ];

  return {
    onParse({ setParseFn }: { setParseFn: (parse: typeof parseWithLimit) => void }) {
      setParseFn(parseWithLimit);
    },
    onValidate({
      params,
      context,
      setResult,
    }: {
      params: { schema: Parameters<typeof validate>[0]; documentAST: DocumentNode };
      context: { req?: { actor?: Actor } };
      setResult: (errors: readonly GraphQLError[]) => void;
    }) {
      const errors = validate(params.schema, params.documentAST, rules(context.req?.actor), { maxErrors: 10 });
      // The first refusal is the answer; the standard rules do not run on an operation already refused.
      if (errors.length > 0) setResult(errors.slice(0, 1));
    },
  };
}
