import { create } from '@bufbuild/protobuf';
import {
  CourseChangedSchema,
  CourseCompletedSchema,
  CoursePausedSchema,
  CourseResumedSchema,
  CourseStartedSchema,
  OutcomeRecordedSchema,
  ReferralAcceptedSchema,
  ReferralCancelledSchema,
  ReferralReceivedSchema,
  ReferralRejectedSchema,
  type EventMessage,
} from '@platform/contracts';
import { evolveCourse, emptyCourse, type CourseState } from './course-fold';

const ID = '6f1c2f0e-2b1a-4c55-9d43-5a8f0d0b7a11';
const received = create(ReferralReceivedSchema, {
  referralId: ID,
  municipalityCode: '101',
  providerId: '29403473',
  hoursPerWeek: 12,
  plannedStart: '2026-10-01',
  plannedWeeks: 26,
});
const accepted = create(ReferralAcceptedSchema, { referralId: ID });
const rejected = create(ReferralRejectedSchema, { referralId: ID, reason: 'NO_CAPACITY' });
const started = create(CourseStartedSchema, { referralId: ID, startDate: '2026-10-05' });
const paused = create(CoursePausedSchema, { referralId: ID, pauseDate: '2026-10-10' });
const resumed = create(CourseResumedSchema, { referralId: ID, resumeDate: '2026-10-20' });
const completed = create(CourseCompletedSchema, { referralId: ID, endDate: '2026-12-01', endReason: 'GOT_JOB' });
const cancelled = create(ReferralCancelledSchema, { referralId: ID, reason: 'OTHER' });
const outcome = create(OutcomeRecordedSchema, { referralId: ID, horizon: 'END_PLUS_3M' });
const changed = (plannedEnd: string, hoursPerWeek: number, approvedAt: string) =>
  create(CourseChangedSchema, { referralId: ID, plannedEnd, hoursPerWeek, approvedAt });

const at = (n: number) => `2026-11-01T10:00:${String(n).padStart(2, '0')}.000Z`;

/** Applies events in the given order; each carries the time of its position in the original sequence. */
function fold(events: [EventMessage, number][]): CourseState {
  return events.reduce((state, [event, time]) => evolveCourse(state, event, at(time)), emptyCourse(ID));
}

function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, i) =>
    permutations([...items.slice(0, i), ...items.slice(i + 1)]).map((rest) => [item, ...rest]),
  );
}

describe('course projection', () => {
  it('received → accepted → started: the owner, the plan (end = start + weeks) and the start date', () => {
    expect(
      fold([
        [received, 1],
        [accepted, 2],
        [started, 3],
      ]),
    ).toEqual({
      referralId: ID,
      municipalityCode: '101',
      providerId: '29403473',
      status: 'STARTED',
      statusAt: at(3),
      hoursPerWeek: 12,
      plannedStart: '2026-10-01',
      plannedEnd: '2027-03-31',
      planChangedAt: null,
      startDate: '2026-10-05',
      endDate: null,
    });
  });

  it.each([
    ['completed', completed, 'COMPLETED'],
    ['cancelled', cancelled, 'CANCELLED'],
    ['rejected', rejected, 'REJECTED'],
  ] as const)('a %s course stays so whatever arrives in whichever order', (_name, terminal, status) => {
    const events: [EventMessage, number][] = [
      [received, 1],
      [accepted, 2],
      [started, 3],
      [paused, 4],
      [resumed, 5],
      [terminal, 6],
    ];
    for (const order of permutations(events)) {
      const state = fold(order);
      expect(state.status).toBe(status);
      expect(state.providerId).toBe('29403473');
    }
  });

  it('pause and resume: the later event wins, whatever the order of arrival', () => {
    const base: [EventMessage, number][] = [
      [received, 1],
      [started, 2],
    ];
    expect(fold([...base, [paused, 3], [resumed, 4]]).status).toBe('STARTED');
    expect(fold([...base, [resumed, 4], [paused, 3]]).status).toBe('STARTED');
    expect(fold([...base, [resumed, 3], [paused, 4]]).status).toBe('PAUSED');
    expect(fold([...base, [paused, 4], [resumed, 3]]).status).toBe('PAUSED');
  });

  it('an earlier stage never undoes a later one; the same event twice changes nothing', () => {
    const state = fold([
      [started, 3],
      [received, 1],
      [accepted, 2],
      [received, 1],
    ]);
    expect(state.status).toBe('STARTED');
    expect(evolveCourse(state, started, at(3))).toEqual(state);
    expect(evolveCourse(state, accepted, at(9))).toBe(state);
  });

  it('the latest approved change of plan wins; the original plan never overrides it', () => {
    const first = changed('2027-06-30', 20, '2026-11-02T00:00:00Z');
    const older = changed('2027-04-30', 15, '2026-11-01T00:00:00Z');
    for (const order of permutations<[EventMessage, number]>([
      [received, 1],
      [first, 2],
      [older, 3],
    ])) {
      expect(fold(order)).toMatchObject({ plannedEnd: '2027-06-30', hoursPerWeek: 20, plannedStart: '2026-10-01' });
    }
  });

  it('outcomes change nothing (the same object comes back, so nothing is written)', () => {
    const state = fold([[received, 1]]);
    expect(evolveCourse(state, outcome, at(2))).toBe(state);
  });
});

/**
 * given(events) → when(event) → then(state), in the manner of a decider specification: the fold is pure, so each
 * case states the history a projection has seen, the one event that arrives next, and the state that must follow.
 */
function given(...history: [EventMessage, number][]) {
  const before = fold(history);
  return {
    when: (event: EventMessage, time: number) => {
      const after = evolveCourse(before, event, at(time));
      return {
        then: (expected: Partial<CourseState>) => expect(after).toMatchObject(expected),
        thenUnchanged: () => expect(after).toEqual(before),
      };
    },
  };
}

describe('course projection specification (late, duplicated and re-driven events)', () => {
  it('a CourseStarted re-driven from the DLQ after CourseCompleted does not reopen the course', () => {
    given([received, 1], [accepted, 2], [completed, 4])
      .when(started, 3)
      .then({ status: 'COMPLETED', startDate: '2026-10-05', endDate: '2026-12-01' });
  });

  it('a duplicated ReferralAccepted after the start leaves the course STARTED', () => {
    given([received, 1], [accepted, 2], [started, 3]).when(accepted, 2).thenUnchanged();
  });

  it('a late ReferralReceived fills in the owner without moving the status back', () => {
    given([accepted, 2], [started, 3])
      .when(received, 1)
      .then({ status: 'STARTED', providerId: '29403473', municipalityCode: '101' });
  });

  it('a re-driven CoursePaused older than the resume leaves the course STARTED', () => {
    given([received, 1], [started, 2], [paused, 3], [resumed, 4]).when(paused, 3).then({ status: 'STARTED' });
  });

  it('a cancellation is final: a late CourseResumed does not reopen it', () => {
    given([received, 1], [started, 2], [paused, 3], [cancelled, 5]).when(resumed, 4).then({ status: 'CANCELLED' });
  });

  it('a CourseStarted arriving first makes a course with no owner (not visible to anyone until received)', () => {
    given().when(started, 3).then({ status: 'STARTED', providerId: null, municipalityCode: null });
  });
});
