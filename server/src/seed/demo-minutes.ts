import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { ActionLine } from '@sidang/shared';
import type { DataSource } from 'typeorm';
import type { Actor } from '../access/actor.js';
import { MeetingsService } from '../modules/meetings/meetings.service.js';
import { MinutesService } from '../modules/minutes/minutes.service.js';
import { updateWithParagraphs } from '../modules/minutes/minutes-doc.js';
import { MinutesDocStore } from '../modules/minutes/minutes-doc.store.js';

/** Minute text per agenda number of the standard agenda and its papers (Malay, as the house writes). */
const TEXT: Record<string, { paragraphs: string[]; action: 'information' | string[] }> = {
  '1': {
    paragraphs: [
      'Pengerusi mengalu-alukan kehadiran semua ahli dan menyatakan bahawa pembangunan industri REE peringkat pertengahan dan hiliran kekal sebagai keutamaan negara.',
    ],
    action: 'information',
  },
  '2': { paragraphs: ['Minit mesyuarat yang lalu telah disahkan tanpa pindaan.'], action: 'information' },
  '3': {
    paragraphs: [
      'Urus setia melaporkan status tindakan daripada mesyuarat yang lalu. Skop kerjasama teknikal JICA telah diedarkan kepada agensi.',
    ],
    action: ['JMG'],
  },
  '4': { paragraphs: ['Dua kertas dibentangkan untuk pertimbangan jawatankuasa.'], action: 'information' },
  '4.1': {
    paragraphs: [
      'MOSTI membentangkan kemajuan perintis penulenan karbonat dan pengekstrakan pelarut NdPr (TRL 4 ke 6).',
      'Jawatankuasa bersetuju supaya MOSTI menyediakan kertas cadangan pembiayaan fasa perintis untuk mesyuarat akan datang.',
    ],
    action: ['MOSTI'],
  },
  '4.2': {
    paragraphs: [
      'NRES melaporkan penguatkuasaan moratorium eksport bahan mentah REE bagi tempoh 2025 hingga 2027.',
      'Jawatankuasa mengambil maklum laporan tersebut; NRES dan JMG akan melaporkan kes yang dirujuk setiap suku tahun.',
    ],
    action: ['NRES', 'JMG'],
  },
  '5': { paragraphs: ['Tiada perkara lain dibangkitkan.'], action: 'information' },
  '6': { paragraphs: ['Mesyuarat ditangguhkan pada jam 12.30 tengah hari.'], action: 'information' },
};

/**
 * Published minutes for the demo committee's last (closed) meeting, written through the same
 * services as the app; the next meeting has none yet.
 */
export async function seedDemoMinutes(
  app: INestApplication,
  committeeId: string,
  people: { chair: Actor; secretariat: Actor },
): Promise<void> {
  const { chair, secretariat } = people;
  const meetings = app.get(MeetingsService);
  const minutesService = app.get(MinutesService);
  const store = app.get(MinutesDocStore);
  const dataSource = app.get<DataSource>(getDataSourceToken());
  const past = (await meetings.list(chair, committeeId, 'past')).find((meeting) => meeting.status === 'closed');
  if (!past) return;
  const minutes = await minutesService.forMeeting(secretariat, past.id);
  for (const section of minutes.sections) {
    const entry = TEXT[section.number];
    if (!entry) continue;
    await store.append(section.id, updateWithParagraphs(entry.paragraphs));
    let actionLine: ActionLine = { kind: 'information' };
    if (entry.action !== 'information') {
      const rows: Array<{ id: string }> = await dataSource.query(
        'SELECT id FROM action_items WHERE agenda_item_id = $1 AND deleted_at IS NULL',
        [section.agendaItemId],
      );
      actionLine = { kind: 'action', agencies: entry.action, actionItemIds: rows.map((row) => row.id) };
    }
    await minutesService.updateSection(secretariat, section.id, { version: section.version, actionLine });
  }
  let version = minutes.version;
  version = (await minutesService.transition(secretariat, minutes.id, { to: 'circulated', version })).version;
  // Confirmed at the next meeting, proposed by a member and seconded by the chair.
  const next = (await meetings.list(chair, committeeId, 'upcoming')).find(
    (meeting) => Date.parse(meeting.startsAt) > Date.parse(past.startsAt),
  );
  const members: Array<{ user_id: string }> = await dataSource.query(
    "SELECT user_id FROM memberships WHERE committee_id = $1 AND role = 'member' ORDER BY user_id LIMIT 1",
    [committeeId],
  );
  const proposer = members[0]?.user_id;
  if (!next || !proposer) return;
  version = (
    await minutesService.transition(secretariat, minutes.id, {
      to: 'confirmed',
      version,
      confirmation: 'without_amendment',
      confirmedAtMeetingId: next.id,
      proposedBy: proposer,
      secondedBy: chair.id,
    })
  ).version;
  await minutesService.transition(chair, minutes.id, { to: 'published', version });
}
