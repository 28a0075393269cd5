import { GraphQLError, GraphQLScalarType, Kind } from 'graphql';
import { isValidLocalDate } from '@platform/domain-kernel';

function parse(value: unknown): string {
  if (!isValidLocalDate(value)) throw new GraphQLError('Date must be a real date as YYYY-MM-DD');
  return value;
}

/** `Date` of API.md: a calendar date `YYYY-MM-DD`, validated as a real date. */
export const DateScalar = new GraphQLScalarType({
  name: 'Date',
  description: 'A calendar date, YYYY-MM-DD',
  serialize: (value) => parse(value),
  parseValue: (value) => parse(value),
  parseLiteral: (ast) => {
    if (ast.kind !== Kind.STRING) throw new GraphQLError('Date must be a string YYYY-MM-DD');
    return parse(ast.value);
  },
});
