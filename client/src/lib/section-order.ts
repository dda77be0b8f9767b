import type { MinutesSection } from '@sidang/shared';

/** Agenda order of sections: "2" before "2.1" before "10". */
export function compareSectionNumbers(a: Pick<MinutesSection, 'number'>, b: Pick<MinutesSection, 'number'>): number {
  const [aTop = 0, aSub = 0] = a.number.split('.').map(Number);
  const [bTop = 0, bSub = 0] = b.number.split('.').map(Number);
  return aTop - bTop || aSub - bSub;
}
