import type { Type } from '@nestjs/common';
import { Directive, Field, ObjectType } from '@nestjs/graphql';

/**
 * Relay cursor connections, one shape for every paged list of every subgraph (issue 12): `XConnection { edges:
 * [XEdge!]!, pageInfo: PageInfo! }`, `XEdge { cursor, node }`, and the four-field `PageInfo`. Paging is forward only
 * (`first`/`after`), as in REST's `limit`/`cursor`; the REST shape `{ items, nextCursor }` is unchanged.
 */
@ObjectType('PageInfo', { description: 'Where a page of a cursor connection lies in the whole list (Relay PageInfo)' })
// Every subgraph with a connection defines the same PageInfo; federation needs the value type to be shareable.
@Directive('@shareable')
export class PageInfo {
  @Field({ description: 'True when more items follow this page: ask again with `after: endCursor`' })
  hasNextPage: boolean;

  @Field({
    description:
      'True when the page was asked for `after` a cursor, so items come before it. Paging is forward only: to read ' +
      'them, start again without `after`',
  })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true, description: "The first edge's cursor; null when the page is empty" })
  startCursor: string | null;

  @Field(() => String, { nullable: true, description: "The last edge's cursor; null when the page is empty" })
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Connection<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
}

export interface ConnectionOptions {
  /** The GraphQL name of the node type, e.g. `Referral`: gives `ReferralEdge` and `ReferralConnection`. */
  name: string;
  /** What the list holds and in which order, e.g. "A page of referrals, oldest change first". */
  description: string;
}

/**
 * The edge and connection classes of a node type. Use the returned connection class as the query's return type and
 * fill it with {@link toConnection}.
 */
export function connectionTypes<T>(node: () => Type<T> | object, options: ConnectionOptions) {
  @ObjectType(`${options.name}Edge`, { description: `One item of a ${options.name}Connection with its cursor` })
  class EdgeType implements Edge<T> {
    @Field({ description: 'Opaque cursor of this item: pass it as `after` to read the items that follow it' })
    cursor: string;

    @Field(node, { description: 'The item' })
    node: T;
  }

  @ObjectType(`${options.name}Connection`, { description: `${options.description} (Relay cursor connection)` })
  class ConnectionType implements Connection<T> {
    @Field(() => [EdgeType], { description: 'The items of this page, in list order' })
    edges: Edge<T>[];

    @Field(() => PageInfo, { description: 'Where this page lies and how to read the next one' })
    pageInfo: PageInfo;
  }

  return { Edge: EdgeType, Connection: ConnectionType };
}

/**
 * A connection from a keyset page as the queries return it for REST (`{ items, nextCursor }`): each item's cursor
 * from `cursorOf` (the same encoding as `nextCursor`, so `after: endCursor` continues where REST's `cursor` would).
 */
export function toConnection<T, N = T>(
  page: { items: T[]; nextCursor: string | null },
  cursorOf: (item: T) => string,
  after: string | null | undefined,
  toNode: (item: T) => N = (item) => item as unknown as N,
): Connection<N> {
  const edges = page.items.map((item) => ({ cursor: cursorOf(item), node: toNode(item) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.nextCursor !== null,
      hasPreviousPage: after !== null && after !== undefined,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
  };
}
