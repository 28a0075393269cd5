import { createHash } from 'node:crypto';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, type Observable } from 'rxjs';
import { Column, DataSource, Entity, PrimaryColumn } from 'typeorm';
import { ProjectionMayBeBehind } from '@platform/course';
import { DomainError } from '@platform/domain-kernel';
import type { Problem } from './problem';
import { toProblem } from './problem.filter';

/** A remembered POST: same key + same request replays this response. Kept at least 24 h. */
@Entity({ name: 'idempotency_key' })
export class IdempotencyRecord {
  @PrimaryColumn('text')
  scope: string;

  @PrimaryColumn('text')
  key: string;

  @Column('text')
  requestHash: string;

  @Column('text')
  state: 'in_progress' | 'done';

  @Column('int', { nullable: true })
  responseStatus: number | null;

  @Column('jsonb', { nullable: true })
  responseBody: unknown;

  @Column('text', { nullable: true })
  location: string | null;

  @Column('timestamptz', { default: () => 'now()' })
  createdAt: Date;
}

/** Thrown on replay of a stored 4xx so the problem filter sends it unchanged. */
export class ReplayedProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
    // toProblem recognises a replay by its name.
    this.name = 'ReplayedProblem';
  }
}

/** An in-progress key older than this is taken to be from a crashed request and may be retried. */
const STALE_MS = 60_000;

interface ActorLike {
  sub?: string;
  org?: string;
}

/**
 * `Idempotency-Key` on POST (API.md): the first request's response (status and body) is stored; the same key
 * with the same method, path and body replays it; with anything else it is refused with 422. A concurrent
 * duplicate gets 409 while the first is still running. 5xx responses are not stored, so a retry can succeed.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly dataSource: DataSource) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    // GraphQL mutations are not replayed by key (one POST may carry several operations); REST writes are.
    if (context.getType() !== 'http') return next.handle();
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { actor?: ActorLike }>();
    const header = request.headers['idempotency-key'];
    if (request.method !== 'POST' || header === undefined) return next.handle();
    return from(this.handle(request, http.getResponse<FastifyReply>(), String(header), next));
  }

  private async handle(
    request: FastifyRequest & { actor?: ActorLike },
    reply: FastifyReply,
    key: string,
    next: CallHandler,
  ) {
    if (key.length === 0 || key.length > 255) {
      throw new DomainError('VALIDATION_FAILED', 'Idempotency-Key must be 1 to 255 characters', {
        errors: [{ field: 'Idempotency-Key', message: 'must be 1 to 255 characters' }],
      });
    }
    const scope = `${request.actor?.org ?? ''}|${request.actor?.sub ?? ''}`;
    const requestHash = createHash('sha256')
      .update(`${request.method} ${request.url}\n${JSON.stringify(request.body ?? null)}`)
      .digest('hex');
    const repository = this.dataSource.getRepository(IdempotencyRecord);
    const claimed = await repository
      .createQueryBuilder()
      .insert()
      .values({ scope, key, requestHash, state: 'in_progress' })
      .orIgnore()
      .returning(['key'])
      .execute();
    if ((claimed.raw as unknown[]).length === 0) {
      const existing = await repository.findOneByOrFail({ scope, key });
      if (existing.requestHash !== requestHash) {
        throw new DomainError('IDEMPOTENCY_MISMATCH', 'This Idempotency-Key was already used for a different request');
      }
      if (existing.state === 'done') return this.replay(reply, existing);
      if (Date.now() - existing.createdAt.getTime() < STALE_MS) {
        throw new DomainError(
          'IDEMPOTENCY_IN_PROGRESS',
          'The first request with this Idempotency-Key is still running',
        );
      }
      await repository.update({ scope, key }, { createdAt: new Date() });
    }
    try {
      const body = await new Promise<unknown>((resolve, reject) => {
        let last: unknown;
        next.handle().subscribe({
          next: (value: unknown) => {
            last = value;
          },
          error: reject,
          complete: () => resolve(last),
        });
      });
      const location = reply.getHeader('location');
      await repository.update({ scope, key }, {
        state: 'done',
        responseStatus: null,
        responseBody: body ?? null,
        location: typeof location === 'string' ? location : null,
      } as Partial<IdempotencyRecord> as object);
      return body;
    } catch (error) {
      const problem = toProblem(error);
      // A refusal that waits for a projection is not an answer: the request runs again (ReadYourWritesInterceptor).
      if (problem.status < 500 && !(error instanceof ProjectionMayBeBehind)) {
        await repository.update({ scope, key }, {
          state: 'done',
          responseStatus: problem.status,
          responseBody: problem,
          location: null,
        } as Partial<IdempotencyRecord> as object);
      } else {
        await repository.delete({ scope, key });
      }
      throw error;
    }
  }

  private replay(reply: FastifyReply, record: IdempotencyRecord): unknown {
    void reply.header('idempotent-replayed', 'true');
    if (record.location) void reply.header('location', record.location);
    if (record.responseStatus !== null && record.responseStatus >= 400) {
      throw new ReplayedProblem(record.responseBody as Problem);
    }
    return record.responseBody;
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
