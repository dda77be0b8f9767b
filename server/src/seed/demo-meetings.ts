import type { INestApplication } from '@nestjs/common';
import type { AgendaItem } from '@sidang/shared';
import type { Actor } from '../access/actor.js';
import { ActionItemsService } from '../modules/action-items/action-items.service.js';
import { AttendanceService } from '../modules/meetings/attendance.service.js';
import { DecisionsService } from '../modules/meetings/decisions.service.js';
import { MeetingsService } from '../modules/meetings/meetings.service.js';
import { seedDemoPapers } from './demo-papers.js';

const DAY = 24 * 3600 * 1000;

/** 09:30 in Kuala Lumpur, `days` from today, with its offset. */
function klMorning(days: number, hour = '09:30'): string {
  const date = new Date(Date.now() + 8 * 3600 * 1000 + days * DAY).toISOString().slice(0, 10);
  return `${date}T${hour}:00+08:00`;
}

function isoDate(days: number): string {
  return new Date(Date.now() + days * DAY).toISOString().slice(0, 10);
}

export interface DemoPeople {
  chair: Actor;
  secretariat: Actor;
  presentIds: string[];
  apologiesIds: string[];
  owners: { jmg: string; mida: string };
}

/**
 * The demo committee's meetings, written through the same services as the app: a past meeting
 * (closed, with decisions and the actions it raised), the next one scheduled with a full agenda,
 * and a working-group meeting.
 */
export async function seedDemoMeetings(app: INestApplication, committees: { main: string; workingGroup: string }, people: DemoPeople) {
  const meetings = app.get(MeetingsService);
  const attendance = app.get(AttendanceService);
  const decisions = app.get(DecisionsService);
  const actionItems = app.get(ActionItemsService);
  const { chair, secretariat } = people;

  // Last month's meeting, run and closed.
  const past = await meetings.create(secretariat, committees.main, {
    title: 'Mesyuarat Jawatankuasa Teknikal Pembangunan Industri REE',
    startsAt: klMorning(-28),
    endsAt: klMorning(-28, '12:30'),
    venue: 'Bilik Mesyuarat Utama, Aras 15, MITI, Kuala Lumpur',
    onlineUrl: null,
    status: 'scheduled',
    classification: 'RESTRICTED',
    standardAgenda: true,
  });
  const pastAgenda = await meetings.agenda(chair, past.id);
  const papers = pastAgenda[3];
  if (!papers) throw new Error('standard agenda missing');
  const separation = await meetings.createItem(secretariat, past.id, {
    title: 'Paper 1: Carbonate purification and NdPr solvent-extraction pilot (TRL 4 → 6)',
    parentId: papers.id,
    presenter: 'MOSTI',
    durationMinutes: 20,
    classification: 'RESTRICTED',
  });
  const moratorium = await meetings.createItem(secretariat, past.id, {
    title: 'Paper 2: Enforcement of the raw REE export moratorium (2025–2027)',
    parentId: papers.id,
    presenter: 'NRES',
    durationMinutes: 15,
    classification: 'RESTRICTED',
  });
  let version = past.version;
  version = (await meetings.update(chair, past.id, { version, status: 'in_progress' })).version;
  for (const userId of people.presentIds) await attendance.mark(secretariat, past.id, userId, 'present');
  for (const userId of people.apologiesIds) await attendance.mark(secretariat, past.id, userId, 'apologies');
  await meetings.setCurrentItem(chair, past.id, separation.id);
  await decisions.record(
    chair,
    separation.id,
    'Bersetuju supaya MOSTI menyediakan kertas cadangan pembiayaan fasa perintis SX NdPr untuk mesyuarat akan datang.',
  );
  await actionItems.create(secretariat, committees.main, {
    title: 'Prepare the funding proposal for the NdPr solvent-extraction pilot phase',
    description: 'Costed proposal with the pilot site, partners and TRL gate criteria, for the next meeting.',
    status: 'in_progress',
    priority: 'high',
    dueDate: isoDate(10),
    ownerIds: [],
    ownerAgencies: ['MOSTI'],
    classification: 'RESTRICTED',
    fieldClassifications: {},
    meetingId: past.id,
    agendaItemId: separation.id,
  });
  await meetings.setCurrentItem(chair, past.id, moratorium.id);
  await decisions.record(chair, moratorium.id, 'Noted the enforcement report; NRES to report cases referred each quarter.');
  await actionItems.create(secretariat, committees.main, {
    title: 'Quarterly report on cases referred under the export moratorium',
    description: 'Cases referred, seizures and outcomes since January 2024.',
    status: 'open',
    priority: 'medium',
    dueDate: isoDate(-3),
    ownerIds: [],
    ownerAgencies: ['NRES', 'JMG'],
    classification: 'RESTRICTED',
    fieldClassifications: {},
    meetingId: past.id,
    agendaItemId: moratorium.id,
  });
  await actionItems.create(secretariat, committees.main, {
    title: 'Circulate the JICA technical cooperation scope to agencies',
    description: 'Scope of the JICA cooperation with JMG on resource validation.',
    status: 'done',
    priority: 'low',
    dueDate: isoDate(-14),
    ownerIds: [people.owners.jmg],
    ownerAgencies: ['JMG'],
    classification: 'OPEN',
    // Raised in a RESTRICTED meeting: open to every agency only with a reason on the record.
    declassificationReason: 'The cooperation scope is published by JICA and JMG; agencies outside the committee act on it.',
    fieldClassifications: {},
    meetingId: past.id,
    agendaItemId: papers.id,
  });
  version = (await meetings.setCurrentItem(chair, past.id, null)).version;
  await meetings.update(chair, past.id, { version, status: 'closed' });

  // The next meeting: scheduled, full agenda, matters arising from the last one.
  const next = await meetings.create(secretariat, committees.main, {
    title: 'Mesyuarat Jawatankuasa Teknikal Pembangunan Industri REE',
    startsAt: klMorning(14),
    endsAt: klMorning(14, '12:30'),
    venue: 'Bilik Mesyuarat Utama, Aras 15, MITI, Kuala Lumpur',
    onlineUrl: 'https://meet.example.gov.my/jtk-ree',
    status: 'scheduled',
    classification: 'RESTRICTED',
    standardAgenda: true,
  });
  const nextPapers = (await meetings.agenda(chair, next.id))[3];
  if (!nextPapers) throw new Error('standard agenda missing');
  const nextItems: AgendaItem[] = [];
  for (const paper of [
    {
      title: 'Paper 1: Incentive package for the 3,000 t/yr NdFeB magnet plant, Gebeng',
      presenter: 'MIDA',
      minutes: 20,
      level: 'CONFIDENTIAL',
    },
    { title: 'Paper 2: Validation programme for the 16.1 Mt inferred resource', presenter: 'JMG', minutes: 15, level: 'RESTRICTED' },
    { title: 'Paper 3: Position on the raw materials chapter of the EU FTA', presenter: 'MITI', minutes: 25, level: 'SECRET' },
  ] as const) {
    nextItems.push(
      await meetings.createItem(secretariat, next.id, {
        title: paper.title,
        parentId: nextPapers.id,
        presenter: paper.presenter,
        durationMinutes: paper.minutes,
        classification: paper.level,
      }),
    );
  }
  await seedDemoPapers(app, committees.main, secretariat, nextItems);

  // The R&D working group's next meeting.
  await meetings.create(secretariat, committees.workingGroup, {
    title: 'Mesyuarat Kumpulan Kerja R&D Pemprosesan REE',
    startsAt: klMorning(7, '14:30'),
    endsAt: klMorning(7, '16:30'),
    venue: '',
    onlineUrl: 'https://meet.example.gov.my/kk-rnd-ree',
    status: 'scheduled',
    classification: 'RESTRICTED',
    standardAgenda: true,
  });
}
