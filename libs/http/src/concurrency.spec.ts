import { DomainError } from '@platform/domain-kernel';
import { assertIfMatch, etagOf, parseEntityTags } from './concurrency';
import { toProblem } from './problem.filter';

describe('entity tags', () => {
  it('are strong, from id and version', () => {
    expect(etagOf({ id: 'a', version: 3 })).toBe('"a:3"');
  });

  it('parses *, lists, weak tags and repeated fields', () => {
    expect(parseEntityTags(undefined)).toBeUndefined();
    expect(parseEntityTags(' * ')).toBe('*');
    expect(parseEntityTags('"a:1", W/"a:2" ,"b:3"')).toEqual(['"a:1"', 'W/"a:2"', '"b:3"']);
    expect(parseEntityTags(['"a:1"', '"a:2"'])).toEqual(['"a:1"', '"a:2"']);
    expect(parseEntityTags('a:1')).toEqual(['a:1']);
  });

  it('outside a conditional request, assertIfMatch lets the write run', () => {
    expect(() => assertIfMatch({ id: 'a', version: 1 })).not.toThrow();
  });

  it('PRECONDITION_FAILED is a 412 problem', () => {
    expect(toProblem(new DomainError('PRECONDITION_FAILED', 'changed'))).toMatchObject({
      type: '/problems/precondition-failed',
      status: 412,
    });
  });
});
