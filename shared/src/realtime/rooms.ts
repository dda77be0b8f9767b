import { CLASSIFICATIONS, type Classification, classificationLevel } from '../access/classification.js';

/**
 * A socket joins one room per subscribed committee: the one for its clearance (and the chair's
 * and secretariat's sockets that clearance's drafts room). An event is emitted once, to the
 * rooms of every clearance that may see it (only the drafts rooms for a change of a draft).
 */
export const rooms = {
  /** Every socket of one user that is served at the user's own clearance (not a projector's): notifications go here. */
  user(userId: string): string {
    return `user:${userId}`;
  },
  /**
   * Every socket served as one user, a projector they opened included (served below their
   * clearance, still as them): what the papers rule withholds from the person, the relay leaves
   * this room out of.
   */
  reader(userId: string): string {
    return `reader:${userId}`;
  },
  committeeClearance(committeeId: string, clearance: Classification): string {
    return `committee:${committeeId}:${clearance}`;
  },
  /**
   * Beside its clearance's room, a socket of the chair or the secretariat (served at its user's
   * own clearance) joins this one: changes of drafts go only to these rooms.
   */
  committeeDrafts(committeeId: string, clearance: Classification): string {
    return `committee:${committeeId}:${clearance}:drafts`;
  },
  /** Rooms whose members are cleared for `classification`. */
  clearedFor(committeeId: string, classification: Classification): string[] {
    return CLASSIFICATIONS.slice(classificationLevel(classification)).map((level) => rooms.committeeClearance(committeeId, level));
  },
  /** Rooms cleared for `before` but not for `after`: they must be told the record is gone. */
  losingSight(committeeId: string, before: Classification, after: Classification): string[] {
    return CLASSIFICATIONS.slice(classificationLevel(before), classificationLevel(after)).map((level) =>
      rooms.committeeClearance(committeeId, level),
    );
  },
};
