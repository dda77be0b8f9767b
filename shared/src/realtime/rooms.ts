import { CLASSIFICATIONS, type Classification, classificationLevel } from '../access/classification.js';

/**
 * A socket joins exactly one room per subscribed committee: the one for its clearance.
 * An event is emitted once, to the rooms of every clearance that may see it.
 */
export const rooms = {
  /** Every socket of one user that is served at the user's own clearance (not a projector's): notifications go here. */
  user(userId: string): string {
    return `user:${userId}`;
  },
  committeeClearance(committeeId: string, clearance: Classification): string {
    return `committee:${committeeId}:${clearance}`;
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
