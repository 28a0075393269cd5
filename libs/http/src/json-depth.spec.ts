import { jsonTextNestsDeeperThan, nestsDeeperThan } from './validation';

describe('jsonTextNestsDeeperThan (judged on the text, before JSON.parse)', () => {
  it.each([
    ['{}', 1, false],
    ['{"a":{}}', 1, true],
    ['{"a":[1,{"b":2}]}', 3, false],
    ['{"a":[1,{"b":2}]}', 2, true],
    ['{"a":"[[[[[[{{{{"}', 1, false],
    ['{"a":"\\"[[[[[["}', 1, false],
    ['[[[[]]]]', 3, true],
  ])('%s nests deeper than %d: %s', (text, max, deeper) => {
    expect(jsonTextNestsDeeperThan(text, max)).toBe(deeper);
    expect(jsonTextNestsDeeperThan(Buffer.from(text), max)).toBe(deeper);
    // The same answer as the check on the parsed value.
    expect(nestsDeeperThan(JSON.parse(text), max)).toBe(deeper);
  });

  it('refuses 2 MB of brackets in milliseconds, where parsing them takes most of a second', () => {
    const text = `{"query":"{ __typename }","variables":{"a":${'['.repeat(900_000)}${']'.repeat(900_000)}}}`;
    const started = performance.now();
    expect(jsonTextNestsDeeperThan(text, 32)).toBe(true);
    expect(performance.now() - started).toBeLessThan(300);
    const wide = JSON.stringify({ items: Array.from({ length: 100_000 }, (_, i) => ({ id: i, name: `n${i}` })) });
    expect(jsonTextNestsDeeperThan(wide, 32)).toBe(false);
  });
});
