import type { AttendanceStatus, Quorum, QuorumRule } from './meeting.schema.js';

/** Roles that vote in a committee: the chair and the members; the secretariat only when the committee's settings say so. */
export function isVotingRole(role: string, secretariatVotes: boolean): boolean {
  return role === 'chair' || role === 'member' || (secretariatVotes && role === 'secretariat');
}

/** One person on a meeting's attendance list, as the quorum reads them. */
export interface QuorumPerson {
  userId: string | null;
  /** Role in the committee, or `guest` (guests never vote). */
  role: string;
  status: AttendanceStatus;
}

export interface QuorumOptions {
  rule: QuorumRule;
  /** The committee's setting: whether the secretariat votes (default false). */
  secretariatVotes: boolean;
  /**
   * Voting members who leave the quorum of this question (e.g. stepped out over a declared
   * interest): counted neither among the voting members nor among those present.
   */
  excludedUserIds?: Iterable<string>;
}

/**
 * The one quorum computation (attendance, votes): the voting members present against the
 * committee's rule. Observers, guests and (unless the committee says otherwise) the secretariat
 * are not counted; `counts` says which roles were.
 */
export function quorumOf(people: readonly QuorumPerson[], { rule, secretariatVotes, excludedUserIds }: QuorumOptions): Quorum {
  const excluded = new Set(excludedUserIds ?? []);
  const voting = people.filter(
    (person) => person.userId !== null && isVotingRole(person.role, secretariatVotes) && !excluded.has(person.userId),
  );
  const present = voting.filter((person) => person.status === 'present').length;
  const required = quorumRequired(rule, voting.length);
  return {
    required,
    present,
    met: present >= required,
    voting: voting.length,
    counts: secretariatVotes ? 'members-and-secretariat' : 'members',
  };
}

/** Members present needed for a quorum under `rule`, with `voting` voting members. */
export function quorumRequired(rule: QuorumRule, voting: number): number {
  return rule.kind === 'count' ? rule.count : Math.floor(voting / 2) + 1;
}
