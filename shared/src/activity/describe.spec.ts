import { describe, expect, it } from '@jest/globals';
import type { z } from 'zod';
import { actionItemSchema, progressUpdateSchema } from '../action-items/action-item.schema.js';
import type { Locale } from '../auth/auth.constants.js';
import { memberSchema } from '../committees/committee.schema.js';
import { interestSchema, resolutionSchema, voteSchema } from '../deciding/deciding.schema.js';
import { annotationSchema, documentSchema } from '../documents/document.schema.js';
import { agendaItemSchema, attendanceSchema, committeeSettingsSchema, decisionSchema, meetingSchema } from '../meetings/meeting.schema.js';
import { minutesCommentSchema, minutesRecordSchema, minutesSectionSchema } from '../minutes/minutes.schema.js';
import type { EntityRecords } from '../realtime/events.js';
import { ENTITY_TYPES, type EntityType } from '../records/record-types.js';
import { agreementSchema, bilateralCommitmentSchema, bilateralMeetingSchema } from '../registers/bilateral.schema.js';
import { recordLinkSchema } from '../registers/link.schema.js';
import { negotiationRoundSchema, negotiationSchema } from '../registers/negotiation.schema.js';
import { rndMilestoneSchema, rndProjectSchema } from '../registers/rnd.schema.js';
import {
  COMMON_FIELDS,
  changeOfRecords,
  DESCRIBED_VERBS,
  type DescribableChange,
  describeChange,
  movedFields,
  QUIET_FIELDS,
  TYPE_WORDS,
} from './describe.js';

/** What a sentence must never show: raw keys, enum values, ids, template holes. */
const RAW = [
  /status\./,
  /activity\.verbs/,
  /\{[a-z]+\}/,
  /\b[a-z]+_[a-z_]+\b/,
  /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i,
  /\b[a-z]+[A-Z][A-Za-z]*\b/,
  /\bundefined\b|\bnull\b|\[object/,
];

const LOCALES: readonly Locale[] = ['en', 'ms'];
const ID = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const OWNER = ID(901);
const OTHER_OWNER = ID(902);
const NAMES = { [OWNER]: 'Ketua Pengarah JMG', [ID(903)]: 'Perkara 3' };

/** Every record type's wire schema: the fields a description must know. */
const SCHEMAS: { [E in EntityType]: z.ZodObject } = {
  'action-item': actionItemSchema,
  'progress-update': progressUpdateSchema,
  member: memberSchema,
  meeting: meetingSchema,
  'agenda-item': agendaItemSchema,
  attendance: attendanceSchema,
  decision: decisionSchema,
  'bilateral-meeting': bilateralMeetingSchema,
  'bilateral-commitment': bilateralCommitmentSchema,
  agreement: agreementSchema,
  negotiation: negotiationSchema,
  'negotiation-round': negotiationRoundSchema,
  'rnd-project': rndProjectSchema,
  'rnd-milestone': rndMilestoneSchema,
  'record-link': recordLinkSchema,
  document: documentSchema,
  annotation: annotationSchema,
  minutes: minutesRecordSchema,
  'minutes-section': minutesSectionSchema,
  'minutes-comment': minutesCommentSchema,
  'committee-settings': committeeSettingsSchema,
  vote: voteSchema,
  interest: interestSchema,
  resolution: resolutionSchema,
};

type Fields<E extends EntityType> = Partial<EntityRecords[E]>;
/** A change of every type: the fields that matter moved, enum values with underscores among them. */
const CHANGES: { [E in EntityType]: [Fields<E>, Fields<E>] } = {
  'action-item': [
    { title: 'Validate the resource estimate', status: 'open', priority: 'medium', ownerIds: [OTHER_OWNER], dueDate: null },
    { title: 'Validate the resource estimate', status: 'in_progress', priority: 'high', ownerIds: [OWNER], dueDate: '2026-03-12' },
  ],
  'progress-update': [{ body: 'Waiting for the state' }, { body: 'Consent received' }],
  member: [
    { name: 'Pegawai JMG', role: 'member', active: true, clearance: 'OPEN' },
    { name: 'Pegawai JMG', role: 'secretariat', active: false, clearance: 'SECRET' },
  ],
  meeting: [
    { title: 'Mesyuarat Jawatankuasa Teknikal', status: 'scheduled', startsAt: '2026-03-12T01:30:00.000Z', currentAgendaItemId: null },
    { title: 'Mesyuarat Jawatankuasa Teknikal', status: 'in_progress', startsAt: '2026-03-13T01:30:00.000Z', currentAgendaItemId: ID(903) },
  ],
  'agenda-item': [
    { title: 'Papers', presenter: 'JMG', durationMinutes: 10, position: 1, number: '2' },
    { title: 'Papers', presenter: 'MIDA', durationMinutes: 20, position: 2, number: '3' },
  ],
  attendance: [
    { attendees: [{ userId: OWNER, name: 'Ketua Pengarah JMG', agency: 'JMG', role: 'member', status: 'absent' }] },
    { attendees: [{ userId: OWNER, name: 'Ketua Pengarah JMG', agency: 'JMG', role: 'member', status: 'in_attendance' }] },
  ],
  decision: [{ text: 'Noted' }, { text: 'Agreed' }],
  'bilateral-meeting': [
    { counterpart: 'JICA', country: 'JP', date: '2026-02-01', level: 'technical', place: 'Tokyo' },
    { counterpart: 'JICA', country: 'JP', date: '2026-02-02', level: 'senior_officials', place: 'Putrajaya' },
  ],
  'bilateral-commitment': [
    { text: 'Share the survey', side: 'ours', status: 'open' },
    { text: 'Share the survey', side: 'theirs', status: 'done' },
  ],
  agreement: [
    { title: 'MoU on critical minerals', kind: 'MoU', status: 'under_negotiation', signedOn: null },
    { title: 'MoU on critical minerals', kind: 'LoI', status: 'signed', signedOn: '2025-10-26' },
  ],
  negotiation: [
    { title: 'EU FTA raw materials chapter', kind: 'fta_chapter', status: 'preparing', position: 'Hold' },
    { title: 'EU FTA raw materials chapter', kind: 'supply_chain', status: 'in_progress', position: 'Open up' },
  ],
  'negotiation-round': [
    { number: 1, venue: 'Brussels', startsOn: null },
    { number: 2, venue: 'Kuala Lumpur', startsOn: '2026-04-01' },
  ],
  'rnd-project': [
    { title: 'NdPr pilot', trlNow: 4, fundingRm: 1000000, valueChainStage: 'mixed_carbonate', partners: ['UKM'] },
    { title: 'NdPr pilot', trlNow: 5, fundingRm: 2500000, valueChainStage: 'metal_alloy', partners: ['UKM', 'USM'] },
  ],
  'rnd-milestone': [
    { title: 'Pilot plant', status: 'in_progress', plannedOn: '2026-01-01' },
    { title: 'Pilot plant', status: 'done', plannedOn: '2026-02-01' },
  ],
  'record-link': [
    { fromType: 'action-item', toType: 'meeting' },
    { fromType: 'action-item', toType: 'rnd-project' },
  ],
  document: [
    { title: 'Kertas 1', fileName: 'kertas_1.pdf', mediaType: 'application/pdf', status: 'draft', number: 'Kertas Bil. 1/2026' },
    { title: 'Kertas 1 (revised)', fileName: 'kertas_1.pdf', mediaType: 'application/pdf', status: 'tabled', number: 'Kertas Bil. 1/2026' },
  ],
  annotation: [
    { text: 'Check table 2', page: 3 },
    { text: 'Check table 2 and 3', page: 3 },
  ],
  minutes: [
    { status: 'draft', confirmation: null },
    { status: 'circulated', confirmation: 'without_amendment' },
  ],
  'minutes-section': [
    { title: 'Papers', actionLine: null, ownClassification: 'OPEN' },
    {
      title: 'Papers',
      actionLine: { kind: 'action', agencies: ['JMG', 'NRES'], actionItemIds: [OWNER] },
      ownClassification: 'CONFIDENTIAL',
    },
  ],
  'minutes-comment': [
    { body: 'Please check the figure', resolved: false },
    { body: 'Please check the figure', resolved: true },
  ],
  'committee-settings': [{ quorumRule: { kind: 'majority' } }, { quorumRule: { kind: 'count', count: 5 } }],
  vote: [
    { question: 'Terima laporan?', ballot: 'named', status: 'open', options: ['for', 'against', 'abstain'] },
    { question: 'Terima laporan?', ballot: 'secret', status: 'closed', options: ['for', 'against'] },
  ],
  interest: [
    { nature: 'Director of a bidder', stepsOut: false },
    { nature: 'Director of a bidder', stepsOut: true },
  ],
  resolution: [
    { title: 'Appoint the consultant', text: 'Agree?', rule: 'majority_of_voting_members', status: 'open', outcome: null },
    { title: 'Appoint the consultant', text: 'Agree.', rule: 'no_objection', status: 'closed', outcome: 'not_carried' },
  ],
};

function changeOf(type: EntityType, verb: string): DescribableChange {
  const [before, after] = CHANGES[type] as [Record<string, unknown>, Record<string, unknown>];
  return {
    ...changeOfRecords({ actorName: 'Pengerusi (MITI)', entityType: type, verb, before, after, names: NAMES, parentTitle: 'Bil. 3/2026' }),
    changes: verb === 'updated' || verb === 'moved' || verb === 'current-item-changed' ? movedFields(before, after) : [],
  };
}

function unwrap(schema: z.ZodType): z.ZodType {
  let inner = schema as z.ZodType & { unwrap?: () => z.ZodType };
  while (typeof inner.unwrap === 'function' && (inner.def.type === 'optional' || inner.def.type === 'nullable')) {
    inner = inner.unwrap() as typeof inner;
  }
  return inner;
}

describe(describeChange.name, () => {
  for (const type of ENTITY_TYPES) {
    for (const locale of LOCALES) {
      it(`should describe every verb of ${type} in ${locale} with no raw key, enum value or id`, () => {
        for (const verb of DESCRIBED_VERBS) {
          const described = describeChange(changeOf(type, verb), locale);
          const texts = [described.sentence, ...described.changes.map((line) => line.text)];
          for (const text of texts) for (const raw of RAW) expect({ text, match: raw.test(text) }).toEqual({ text, match: false });
          expect(described.sentence.startsWith('Pengerusi (MITI) ')).toBe(true);
          expect(described.sentence).toBe(`${described.actor} ${described.lead}${described.record}${described.tail}`);
        }
      });
    }

    it(`should know every field of a ${type} (described, or quiet by choice) and every value of its enums`, () => {
      const words = TYPE_WORDS[type];
      for (const [field, schema] of Object.entries(SCHEMAS[type].shape)) {
        const known = words.fields[field] ?? COMMON_FIELDS[field];
        expect({ field, known: Boolean(known) || QUIET_FIELDS.includes(field) || (words.quiet ?? []).includes(field) }).toEqual({
          field,
          known: true,
        });
        const inner = unwrap(schema as z.ZodType) as z.ZodType & { options?: unknown[] };
        if (known?.values && inner.def.type === 'enum') {
          for (const value of inner.options ?? [])
            expect({ field, value, known: Boolean(known.values[String(value)]) }).toEqual({ field, value, known: true });
        }
      }
    });
  }

  it('should say the minutes were circulated, naming the meeting, with the status in words', () => {
    const change = { ...changeOf('minutes', 'updated'), changes: [{ field: 'status', before: 'draft', after: 'circulated' }] };
    const ms = describeChange(change, 'ms');
    expect(ms.sentence).toBe('Pengerusi (MITI) mengedarkan minit Bil. 3/2026');
    expect(ms.changes.map((line) => line.text)).toEqual(['Status: Draf → Diedarkan']);
    const en = describeChange(change, 'en');
    expect(en.sentence).toBe('Pengerusi (MITI) circulated the minutes of Bil. 3/2026');
    expect(en.changes.map((line) => line.text)).toEqual(['Status: Draft → Circulated']);
  });

  it('should name the record by its title and translate enum values of its fields', () => {
    const en = describeChange(changeOf('action-item', 'updated'), 'en');
    expect(en.sentence).toBe('Pengerusi (MITI) changed the action “Validate the resource estimate”');
    expect(en.record).toBe('the action “Validate the resource estimate”');
    // The owner before is named nowhere in the change: the owners' line is left out.
    expect(en.changes.map((line) => line.text)).toEqual([
      'Status: Not started → In progress',
      'Priority: Medium → High',
      'Due date: — → 12 Mar 2026',
    ]);
    const ms = describeChange(
      { ...changeOf('action-item', 'updated'), changes: [{ field: 'status', before: 'blocked', after: 'done' }] },
      'ms',
    );
    expect(ms.sentence).toBe('Pengerusi (MITI) menyelesaikan tindakan “Validate the resource estimate”');
    expect(ms.changes[0]?.text).toBe('Status: Tersekat → Selesai');
  });

  it('should resolve ids to the names the change carries and otherwise leave the line out, never showing an id', () => {
    const change: DescribableChange = {
      actorName: 'Urus setia',
      entityType: 'action-item',
      verb: 'updated',
      title: 'Survey',
      changes: [
        { field: 'ownerIds', before: [OTHER_OWNER], after: [] },
        { field: 'ownerIds', before: [], after: [OWNER, OTHER_OWNER] },
      ],
      names: NAMES,
    };
    const lines = describeChange(change, 'en').changes.map((line) => line.text);
    expect(lines).toEqual(['Owners: — → Ketua Pengarah JMG']);
  });

  it('should say a withheld field is withheld, never its value, in both languages', () => {
    const before = { id: ID(1), title: 'Red lines', position: 'Hold the line', redactedFields: [] };
    const after = { id: ID(1), title: 'Red lines', redactedFields: ['redLines'] };
    const change = changeOfRecords({ actorName: 'Pengerusi', entityType: 'negotiation', verb: 'updated', before, after });
    const en = describeChange(change, 'en');
    expect(en.changes.map((line) => line.text)).toEqual(['Our position: Hold the line → —', 'Red lines: withheld']);
    expect(describeChange(change, 'ms').changes.at(-1)?.text).toBe('Garis merah: dirahsiakan');
    const hidden = changeOfRecords({
      entityType: 'negotiation',
      verb: 'updated',
      before: { title: 'T', redLines: 'OLD-MARKER' },
      after: { title: 'T', redactedFields: ['redLines'] },
    });
    expect(JSON.stringify(describeChange(hidden, 'en'))).not.toContain('OLD-MARKER');
  });

  it('should name a link by its ends, and say two records were linked when it cannot', () => {
    const named: DescribableChange = {
      actorName: 'Urus setia',
      entityType: 'record-link',
      verb: 'created',
      title: 'Survey ↔ Bil. 3/2026',
      changes: [],
    };
    expect(describeChange(named, 'en').sentence).toBe('Urus setia added the link “Survey ↔ Bil. 3/2026”');
    expect(describeChange(named, 'ms').sentence).toBe('Urus setia menambah pautan “Survey ↔ Bil. 3/2026”');
    expect(describeChange({ ...named, title: null, verb: 'deleted' }, 'ms').sentence).toBe('Urus setia membuang pautan antara dua rekod');
  });

  it('should call an unknown actor someone, and name a record without a title by its type', () => {
    const change: DescribableChange = { entityType: 'committee-settings', verb: 'updated', title: null, changes: [] };
    expect(describeChange(change, 'en').sentence).toBe('Someone changed the committee settings');
    expect(describeChange(change, 'ms').sentence).toBe('Seseorang mengubah tetapan jawatankuasa');
  });

  it("should name a negotiation round and a bilateral meeting in the reader's language", () => {
    const round = changeOfRecords({
      actorName: 'Urus setia',
      entityType: 'negotiation-round',
      verb: 'created',
      before: null,
      after: { number: 2 },
    });
    expect(round.title).toBe('Round 2');
    expect(describeChange(round, 'en').record).toBe('the negotiation round “Round 2”');
    expect(describeChange(round, 'ms').record).toBe('pusingan rundingan “Pusingan 2”');
    const meeting = { counterpart: 'JICA', country: 'JP', date: '2026-08-02' };
    const bilateral = changeOfRecords({
      actorName: 'Urus setia',
      entityType: 'bilateral-meeting',
      verb: 'created',
      before: null,
      after: meeting,
    });
    expect(bilateral.title).toBe('JICA (JP), 2026-08-02');
    expect(describeChange(bilateral, 'en').record).toContain('“JICA (JP), 2 Aug 2026”');
    expect(describeChange(bilateral, 'ms').record).toContain('“JICA (JP), 2 Ogo 2026”');
  });

  it('should name the record from the title fields an activity entry carries, falling back to its title', () => {
    const entry: DescribableChange = {
      entityType: 'negotiation-round',
      verb: 'updated',
      title: 'Round 3',
      titleFields: { number: 3 },
      changes: [],
    };
    expect(describeChange(entry, 'ms').record).toBe('pusingan rundingan “Pusingan 3”');
    expect(describeChange({ ...entry, titleFields: null }, 'ms').record).toBe('pusingan rundingan “Round 3”');
  });

  it('should tell attendance per person', () => {
    const lines = describeChange(changeOf('attendance', 'updated'), 'ms').changes.map((line) => line.text);
    expect(lines).toEqual(['Kehadiran Ketua Pengarah JMG: Tidak hadir → Hadir bersama']);
  });
});

describe(movedFields.name, () => {
  it('should leave out bookkeeping and fields withheld on either side', () => {
    expect(
      movedFields(
        { version: 1, updatedAt: 'a', title: 'A', description: 'secret', redactedFields: [] },
        { version: 2, updatedAt: 'b', title: 'B', redactedFields: ['description'] },
      ),
    ).toEqual([{ field: 'title', before: 'A', after: 'B' }]);
  });
});
