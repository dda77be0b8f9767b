import type { MinutesComment, MinutesRecord, MinutesSection, MinutesVersion } from '@sidang/shared';
import { CHAIR_ID, COMMITTEE_ID, uuid } from '../../test/fixtures.ts';

export const MINUTES_MEETING_ID = '44444444-4444-4444-8444-444444444444';
export const MINUTES_ID = '55555555-5555-4555-8555-555555555555';
const AT = '2026-03-02T02:00:00.000Z';

export function makeMinutesRecord(overrides: Partial<MinutesRecord> = {}): MinutesRecord {
  return {
    id: MINUTES_ID,
    meetingId: MINUTES_MEETING_ID,
    committeeId: COMMITTEE_ID,
    status: 'draft',
    classification: 'OPEN',
    confirmation: null,
    confirmedAtMeetingId: null,
    proposedBy: null,
    secondedBy: null,
    amendments: null,
    publishedVersion: null,
    commentsDueAt: null,
    version: 1,
    createdAt: AT,
    updatedAt: AT,
    ...overrides,
  };
}

export function makeSection(overrides: Partial<MinutesSection> = {}): MinutesSection {
  return {
    id: uuid(),
    minutesId: MINUTES_ID,
    meetingId: MINUTES_MEETING_ID,
    committeeId: COMMITTEE_ID,
    agendaItemId: uuid(),
    number: '1',
    title: 'Opening',
    classification: 'OPEN',
    ownClassification: 'OPEN',
    text: '',
    actionLine: null,
    version: 1,
    createdAt: AT,
    updatedAt: AT,
    ...overrides,
  };
}

export function makeComment(overrides: Partial<MinutesComment> = {}): MinutesComment {
  return {
    id: uuid(),
    minutesId: MINUTES_ID,
    sectionId: uuid(),
    committeeId: COMMITTEE_ID,
    parentId: null,
    authorId: CHAIR_ID,
    authorName: 'Pengerusi',
    body: 'A comment',
    quote: '',
    anchor: null,
    resolved: false,
    classification: 'OPEN',
    version: 1,
    createdAt: AT,
    updatedAt: AT,
    ...overrides,
  };
}

export function makeVersion(number: number, sections: MinutesVersion['sections'], overrides: Partial<MinutesVersion> = {}): MinutesVersion {
  return {
    number,
    minutesId: MINUTES_ID,
    status: 'circulated',
    createdById: CHAIR_ID,
    createdAt: AT,
    classification: 'OPEN',
    text: sections.map((section) => section.text).join('\n'),
    sections,
    ...overrides,
  };
}
