import { createHash } from 'node:crypto';
import {
  HttpStatus,
  Inject,
  Injectable,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { HTTP_CODE_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OperationTypeNode, type GraphQLResolveInfo, type OperationDefinitionNode } from 'graphql';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { Column, DataSource, Entity, PrimaryColumn, type QueryRunner } from 'typeorm';
import { ProjectionMayBeBehind } from '@platform/course';
import { DomainError } from '@platform/domain-kernel';
import { runInAmbientTransaction } from '@platform/messaging';
import type { KeyRing } from '@platform/persistence';
import type { Problem } from './problem';
import { toProblem } from './problem.filter';

/**
 * A remembered keyed write: same key + same request replays this response. Written in the same transaction as the
 * change it guards (ADR 0050), so it exists if and only if the change committed. Kept at least 24 h.
 */
@Entity({ name: 'idempotency_key' })
export class IdempotencyRecord {
  @PrimaryColumn('text')
  scope: string;

  @PrimaryColumn('text')
  key: string;

  @Column('text')
  requestHash: string;

  @Column('int')
  responseStatus: number;

  /** The response (body and replayed headers) sealed with AES-256-GCM under the service's key ring. */
  @Column('text')
  responseSealed: string;

  @Column('timestamptz', { default: () => 'now()' })
  createdAt: Date;
}

/** The key ring that seals stored responses (they hold CPR, names, health data): see serviceProviders. */
export const IDEMPOTENCY_KEY_RING = Symbol('IDEMPOTENCY_KEY_RING');

/** Thrown on replay of a stored 4xx so the problem filter sends it unchanged. */
export class ReplayedProblem extends Error {
  override readonly name = 'ReplayedProblem';

  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
}

/** How long a duplicate waits for the first request with its key before it is told to retry (409). */
const LOCK_WAIT_MS = 10_000;

/** Response headers that belong to the stored answer. */
const REPLAYED_HEADERS = ['location', 'etag'] as const;

interface StoredResponse {
  body: unknown;
  headers: Record<string, string>;
}

interface ActorLike {
  sub?: string;
  org?: string;
}

type KeyedRequest = FastifyRequest & { actor?: ActorLike };

interface Keyed {
  request: KeyedRequest;
  /** Absent for GraphQL: the answer is the resolver's value, the HTTP status 200. */
  reply?: FastifyReply;
  key: string;
  successStatus: number;
}

/** The key's scope: the same key from two callers is two keys. */
export const idempotencyScope = (actor: ActorLike | undefined): string => `${actor?.org ?? ''}|${actor?.sub ?? ''}`;

/** What makes "the same request": method, URL and body. */
export const requestHash = (method: string, url: string, body: unknown): string =>
  createHash('sha256')
    .update(`${method} ${url}\n${JSON.stringify(body ?? null)}`)
    .digest('hex');

/** The transaction-scoped advisory lock of a key: a signed 64-bit number from the table, scope and key. */
export const advisoryLockId = (table: string, scope: string, key: string): string =>
  createHash('sha256').update(`${table}\n${scope}\n${key}`).digest().readBigInt64BE(0).toString();

/**
 * The one mutation field a keyed GraphQL request may run. A document whose operation selects several fields (or
 * that runs a query) is not one write: the key cannot stand for it.
 */
export function singleMutationField(info: Pick<GraphQLResolveInfo, 'operation'>): boolean {
  const operation: OperationDefinitionNode = info.operation;
  return operation.operation === OperationTypeNode.MUTATION && operation.selectionSet.selections.length === 1;
}

/**
 * `Idempotency-Key` on POST (API.md), exactly once (ADR 0050). The request runs in ONE transaction that every
 * unit of work of the handler joins: a transaction-scoped advisory lock on (scope, key) queues a concurrent
 * duplicate behind the first (PostgreSQL releases it with the holder's session, so no key is ever stuck); a stored
 * response is replayed (same status, body and Location), a different request with the key is 422; otherwise the
 * handler runs and its response is stored in the same transaction as its effects. A 4xx rolls the handler's work
 * back and is stored for replay; a 5xx (or a crash before COMMIT) leaves nothing, so the retry runs again.
 * GraphQL: a POST with the header and one mutation field gets the same treatment.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly dataSource: DataSource,
    private readonly reflector: Reflector,
    @Inject(IDEMPOTENCY_KEY_RING) private readonly keyRing: KeyRing,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const keyed = this.keyed(context);
    if (!keyed) return next.handle();
    return from(this.handle(keyed, next));
  }

  private keyed(context: ExecutionContext): Keyed | undefined {
    if (context.getType<string>() === 'graphql') {
      const [, , graphqlContext, info] =
        context.getArgs<[unknown, unknown, { req?: KeyedRequest }, GraphQLResolveInfo]>();
      const request = graphqlContext?.req;
      const header = request?.headers['idempotency-key'];
      if (!request || request.method !== 'POST' || header === undefined || info.parentType.name !== 'Mutation') {
        return undefined;
      }
      if (!singleMutationField(info)) {
        throw new DomainError('VALIDATION_FAILED', 'An Idempotency-Key covers one mutation field per request', {
          errors: [{ field: 'Idempotency-Key', message: 'send one mutation field per keyed request' }],
        });
      }
      return { request, key: String(header), successStatus: HttpStatus.OK };
    }
    if (context.getType() !== 'http') return undefined;
    const http = context.switchToHttp();
    const request = http.getRequest<KeyedRequest>();
    const header = request.headers['idempotency-key'];
    if (request.method !== 'POST' || header === undefined) return undefined;
    const code = this.reflector.get<number | undefined>(HTTP_CODE_METADATA, context.getHandler());
    return { request, reply: http.getResponse<FastifyReply>(), key: String(header), successStatus: code ?? 201 };
  }

  private async handle({ request, reply, key, successStatus }: Keyed, next: CallHandler): Promise<unknown> {
    if (key.length === 0 || key.length > 255) {
      throw new DomainError('VALIDATION_FAILED', 'Idempotency-Key must be 1 to 255 characters', {
        errors: [{ field: 'Idempotency-Key', message: 'must be 1 to 255 characters' }],
      });
    }
    const scope = idempotencyScope(request.actor);
    const hash = requestHash(request.method, request.url, request.body);
    const table = this.dataSource.getMetadata(IdempotencyRecord).tablePath;

    const outcome = await runInAmbientTransaction(this.dataSource, async (tx, queryRunner) => {
      await this.lock(queryRunner, advisoryLockId(table, scope, key));
      const [existing] = await tx.manager.query<
        Array<Pick<IdempotencyRecord, 'requestHash' | 'responseStatus' | 'responseSealed'>>
      >(
        `SELECT request_hash AS "requestHash", response_status AS "responseStatus", response_sealed AS "responseSealed"
         FROM ${table} WHERE scope = $1 AND key = $2`,
        [scope, key],
      );
      if (existing) {
        if (existing.requestHash !== hash) {
          throw new DomainError(
            'IDEMPOTENCY_MISMATCH',
            'This Idempotency-Key was already used for a different request',
          );
        }
        return { replay: true as const, status: existing.responseStatus, stored: this.open(existing.responseSealed) };
      }

      // The handler's work in a savepoint: a 4xx undoes it but keeps the transaction for the stored answer.
      await queryRunner.startTransaction();
      let status: number;
      let stored: StoredResponse;
      let failure: unknown;
      try {
        const body: unknown = await lastValueFrom(next.handle() as Observable<unknown>, { defaultValue: undefined });
        await queryRunner.commitTransaction();
        status = successStatus;
        stored = { body: body ?? null, headers: this.replayedHeaders(reply) };
      } catch (error) {
        const problem = toProblem(error);
        // A 5xx is no answer; nor is a refusal that waits for a projection (ReadYourWritesInterceptor runs the
        // request again): store nothing, keep nothing.
        await queryRunner.rollbackTransaction();
        if (problem.status >= 500 || error instanceof ProjectionMayBeBehind) throw error;
        tx.afterCommit.length = 0;
        status = problem.status;
        stored = { body: problem, headers: {} };
        failure = error;
      }
      await tx.manager.query(
        `INSERT INTO ${table} (scope, key, request_hash, response_status, response_sealed) VALUES ($1, $2, $3, $4, $5)`,
        [scope, key, hash, status, this.seal(stored)],
      );
      return { replay: false as const, status, stored, failure };
    });

    if (outcome.replay) return this.replay(reply, outcome.status, outcome.stored);
    if (outcome.failure !== undefined) throw outcome.failure as Error;
    return outcome.stored.body;
  }

  /** Waits (bounded) for the first request with the key; lock_timeout turns a hung holder into a 409 to retry. */
  private async lock(queryRunner: QueryRunner, lockId: string): Promise<void> {
    try {
      // One round trip; the lock id is a number computed here, so inlining it is safe.
      await queryRunner.query(
        `SET LOCAL lock_timeout = '${LOCK_WAIT_MS}ms'; SELECT pg_advisory_xact_lock(${BigInt(lockId)}); ` +
          `SET LOCAL lock_timeout = DEFAULT`,
      );
    } catch (error) {
      if ((error as { code?: string }).code === '55P03') {
        throw new DomainError(
          'IDEMPOTENCY_IN_PROGRESS',
          'The first request with this Idempotency-Key is still running',
        );
      }
      throw error;
    }
  }

  private replayedHeaders(reply: FastifyReply | undefined): Record<string, string> {
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const value = reply?.getHeader(name);
      if (typeof value === 'string') headers[name] = value;
    }
    return headers;
  }

  private seal(stored: StoredResponse): string {
    return this.keyRing.seal(JSON.stringify(stored));
  }

  private open(sealed: string): StoredResponse {
    return JSON.parse(this.keyRing.open(sealed)) as StoredResponse;
  }

  private replay(reply: FastifyReply | undefined, status: number, stored: StoredResponse): unknown {
    if (reply) {
      void reply.header('idempotent-replayed', 'true');
      for (const [name, value] of Object.entries(stored.headers)) void reply.header(name, value);
    }
    if (status >= 400) throw new ReplayedProblem(stored.body as Problem);
    return stored.body;
  }
}

/** Deletes remembered keys older than the retention (default 48 h, API.md promises at least 24 h). */
export async function purgeIdempotencyKeys(dataSource: DataSource, olderThanHours = 48): Promise<void> {
  await dataSource
    .getRepository(IdempotencyRecord)
    .createQueryBuilder()
    .delete()
    .where(`created_at < now() - make_interval(hours => :hours)`, { hours: olderThanHours })
    .execute();
}
