import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isValidLocalDate } from '@platform/domain-kernel';

const parse = (value: unknown): string => {
  if (typeof value === 'string' && isValidLocalDate(value)) return value;
  throw new GraphQLError(`Date must be a calendar date YYYY-MM-DD, got ${JSON.stringify(value)?.slice(0, 40)}`, {
    extensions: { code: 'BAD_USER_INPUT' },
  });
};

/** A calendar date without time zone, `YYYY-MM-DD` (API.md's `Date`). Invalid dates (2026-02-30) are refused. */
export const DateScalar = new GraphQLScalarType<string, string>({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD',
  serialize: (value) => parse(value),
  parseValue: (value) => parse(value),
  parseLiteral: (ast) => parse(ast.kind === Kind.STRING ? ast.value : undefined),
});
