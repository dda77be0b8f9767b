import { expect } from '@jest/globals';
import type { AgendaItem, Meeting, Minutes } from '@sidang/shared';
import { api } from './server-process.js';

/**
 * A new meeting of the committee with one agenda item, made over REST as `token`, and the id of
 * the minutes section for that item: opening the minutes makes them, one section per agenda item.
 */
export async function aMeetingWithMinutesSection(
  baseUrl: string,
  token: string,
  committeeId: string,
  titles: { meeting: string; item: string },
): Promise<{ meetingId: string; sectionId: string }> {
  const meeting = await api<Meeting>(baseUrl, token, 'POST', `/api/committees/${committeeId}/meetings`, {
    title: titles.meeting,
    startsAt: new Date().toISOString(),
    venue: 'Bilik Mesyuarat Utama, MITI',
  });
  expect(meeting.status).toBe(201);
  const item = await api<AgendaItem>(baseUrl, token, 'POST', `/api/meetings/${meeting.body.id}/agenda-items`, { title: titles.item });
  expect(item.status).toBe(201);
  const minutes = await api<Minutes>(baseUrl, token, 'GET', `/api/meetings/${meeting.body.id}/minutes`);
  expect(minutes.status).toBe(200);
  const sectionId = minutes.body.sections.find((section) => section.agendaItemId === item.body.id)?.id ?? '';
  expect(sectionId).not.toBe('');
  return { meetingId: meeting.body.id, sectionId };
}
