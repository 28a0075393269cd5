import { AsyncLocalStorage } from 'node:async_hooks';
import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { from, lastValueFrom, type Observable } from 'rxjs';
import { DomainError, type ReferralStatus } from '@platform/domain-kernel';
import { CourseProjection } from './course-projection';

/** The referrals whose projection a request has already waited for. */
interface Consistency {
  caughtUp: Set<string>;
}

const consistency = new AsyncLocalStorage<Consistency>();

/**
 * A refusal that rests on the projected state of courses the request has not yet waited for. It answers as the
 * refusal it carries wherever nothing waits (a test, a tool); under ReadYourWritesInterceptor the request waits for
 * the projection and runs again, and then the refusal, if it still holds, is final.
 */
export class ProjectionMayBeBehind extends DomainError {
  constructor(
    readonly referralIds: string[],
    readonly refusal: DomainError,
  ) {
    super(refusal.code, refusal.message, refusal.details);
    this.name = 'DomainError';
  }
}

/**
 * Use cases call this where they would refuse because of a course's projected state (unknown course, a status
 * the course has not reached yet): it returns the refusal itself once the request has caught up on those
 * referrals, or a ProjectionMayBeBehind that makes the request wait and run again.
 */
export function refusalOnProjection(referralIds: string | string[], refusal: DomainError): DomainError {
  const store = consistency.getStore();
  if (!store) return refusal;
  const pending = [referralIds].flat().filter((id) => !store.caughtUp.has(id));
  return pending.length > 0 ? new ProjectionMayBeBehind(pending, refusal) : refusal;
}

const FINAL: ReadonlySet<string> = new Set(['REJECTED', 'COMPLETED', 'CANCELLED']);

/**
 * A refusal because of the course's projected status: final when the course has ended (no later event reopens
 * it), otherwise it may be the projection that is behind (the start or a resume not seen yet).
 */
export function refusalOnCourse(
  course: { referralId: string; status: ReferralStatus | null },
  refusal: DomainError,
): DomainError {
  return course.status !== null && FINAL.has(course.status) ? refusal : refusalOnProjection(course.referralId, refusal);
}

/** Several refusals of one request (a batch) as one wait for all their referrals; undefined when none waits. */
export function combinedWait(errors: readonly unknown[]): ProjectionMayBeBehind | undefined {
  const waits = errors.filter((e): e is ProjectionMayBeBehind => e instanceof ProjectionMayBeBehind);
  if (waits.length === 0) return undefined;
  return new ProjectionMayBeBehind([...new Set(waits.flatMap((w) => w.referralIds))], waits[0].refusal);
}

/** How often one request may wait (a batch may find new referrals to wait for after the first wait). */
const MAX_WAITS = 3;

/**
 * Read-your-writes (API.md "One system to the client"): a request refused on a course's projected state waits
 * until the projection has consumed what the broker held for that course, then runs again — for REST and GraphQL
 * alike. It must wrap the idempotency interceptor (registered before it) so no transaction is held while waiting.
 */
@Injectable()
export class ReadYourWritesInterceptor implements NestInterceptor {
  constructor(@Inject(CourseProjection) private readonly projection: CourseProjection) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const store: Consistency = { caughtUp: new Set() };
    return from(consistency.run(store, () => this.run(next, store)));
  }

  private async run(next: CallHandler, store: Consistency): Promise<unknown> {
    for (let waits = 0; ; waits++) {
      try {
        return await lastValueFrom(next.handle(), { defaultValue: undefined });
      } catch (error) {
        if (!(error instanceof ProjectionMayBeBehind)) throw error;
        if (waits >= MAX_WAITS) throw error.refusal;
        await this.projection.catchUp(error.referralIds);
        for (const id of error.referralIds) store.caughtUp.add(id);
      }
    }
  }
}
