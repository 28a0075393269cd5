import { toConnection } from './connection';

describe('toConnection', () => {
  const cursorOf = (item: { id: string }) => `c-${item.id}`;

  it('gives every edge its cursor and a PageInfo with all four fields', () => {
    const connection = toConnection({ items: [{ id: 'a' }, { id: 'b' }], nextCursor: 'c-b' }, cursorOf, undefined);
    expect(connection).toEqual({
      edges: [
        { cursor: 'c-a', node: { id: 'a' } },
        { cursor: 'c-b', node: { id: 'b' } },
      ],
      pageInfo: { hasNextPage: true, hasPreviousPage: false, startCursor: 'c-a', endCursor: 'c-b' },
    });
  });

  it('says a page asked for after a cursor has items before it, and an empty last page has no cursors', () => {
    expect(toConnection({ items: [], nextCursor: null }, cursorOf, 'c-z').pageInfo).toEqual({
      hasNextPage: false,
      hasPreviousPage: true,
      startCursor: null,
      endCursor: null,
    });
  });

  it('maps items to nodes', () => {
    const connection = toConnection({ items: [{ id: 'a' }], nextCursor: null }, cursorOf, null, (item) => item.id);
    expect(connection.edges).toEqual([{ cursor: 'c-a', node: 'a' }]);
  });
});
