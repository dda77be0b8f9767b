import { describe, expect, it } from '@jest/globals';
import { quorumOf } from './quorum.js';

const person = (userId: string, role: string, status: 'present' | 'absent' | 'apologies' | 'in_attendance' = 'present') => ({
  userId,
  role,
  status,
});

describe('quorumOf', () => {
  const people = [
    person('c', 'chair'),
    person('m1', 'member'),
    person('m2', 'member', 'absent'),
    person('m3', 'member', 'apologies'),
    person('s', 'secretariat'),
    person('o', 'observer'),
    person('g', 'guest', 'in_attendance'),
  ];

  it('should count the chair and members only, by default', () => {
    expect(quorumOf(people, { rule: { kind: 'majority' }, secretariatVotes: false })).toEqual({
      required: 3,
      present: 2,
      met: false,
      voting: 4,
      counts: 'members',
    });
  });

  it('should count the secretariat when the committee says it votes, never observers or guests', () => {
    expect(quorumOf(people, { rule: { kind: 'majority' }, secretariatVotes: true })).toEqual({
      required: 3,
      present: 3,
      met: true,
      voting: 5,
      counts: 'members-and-secretariat',
    });
  });

  it('should leave excluded voting members out of both the voting and the present, under either rule', () => {
    expect(quorumOf(people, { rule: { kind: 'majority' }, secretariatVotes: false, excludedUserIds: ['m1'] })).toMatchObject({
      required: 2,
      present: 1,
      met: false,
      voting: 3,
    });
    expect(quorumOf(people, { rule: { kind: 'count', count: 2 }, secretariatVotes: false })).toMatchObject({ required: 2, met: true });
  });

  it('should never count a person without an account', () => {
    expect(
      quorumOf([person('c', 'chair'), { userId: null, role: 'member', status: 'present' }], {
        rule: { kind: 'majority' },
        secretariatVotes: false,
      }),
    ).toMatchObject({ voting: 1, present: 1 });
  });
});
