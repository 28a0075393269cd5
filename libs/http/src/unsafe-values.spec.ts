import { unsafeValues } from './validation';

describe('values no DTO may carry (refused before validation, in REST and GraphQL alike)', () => {
  it('refuses a lone UTF-16 surrogate anywhere in the body, and keeps well-formed text', () => {
    expect(unsafeValues({ citizen: { email: 'a\ud800@example.dk' } })).toEqual([
      { field: 'citizen.email', message: 'must be well-formed Unicode text' },
    ]);
    expect(unsafeValues({ items: [{ note: '\udc00' }] })).toEqual([
      { field: 'items[0].note', message: 'must be well-formed Unicode text' },
    ]);
    expect(unsafeValues({ name: 'Søren 😀 Ærø', note: 'plain' })).toEqual([]);
  });

  it('refuses keys with a meaning to JavaScript objects: __proto__, constructor, prototype', () => {
    const body = JSON.parse('{"__proto__": {"isAdmin": true}, "a": {"prototype": 1, "constructor": 2}}') as object;
    expect(unsafeValues(body).map((e) => e.message)).toEqual([
      'property __proto__ should not exist',
      'property prototype should not exist',
      'property constructor should not exist',
    ]);
  });

  it('refuses NUL in values', () => {
    expect(unsafeValues({ name: 'a\u0000b' })).toEqual([
      { field: 'name', message: 'must not contain NUL characters (U+0000)' },
    ]);
  });
});
