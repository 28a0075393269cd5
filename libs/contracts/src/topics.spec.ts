import { ALL_TOPICS, dlq, PLACEMENTS_TOPIC, PROGRESSION_TOPIC, REFERRALS_TOPIC } from './index';

describe('topics', () => {
  it('names one topic per context and major version', () => {
    expect([REFERRALS_TOPIC, PLACEMENTS_TOPIC, PROGRESSION_TOPIC]).toEqual([
      'referrals.events.v1',
      'placements.events.v1',
      'progression.events.v1',
    ]);
  });

  it('derives dead-letter topics', () => {
    expect(dlq(REFERRALS_TOPIC)).toBe('referrals.events.v1.dlq');
  });

  it('lists every topic and its dead-letter topic', () => {
    expect([...ALL_TOPICS].sort()).toEqual(
      [
        'placements.events.v1',
        'placements.events.v1.dlq',
        'progression.events.v1',
        'progression.events.v1.dlq',
        'referrals.events.v1',
        'referrals.events.v1.dlq',
      ].sort(),
    );
  });
});
