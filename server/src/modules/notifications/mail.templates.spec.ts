import { describe, expect, it } from '@jest/globals';
import type { Notification } from '@sidang/shared';
import { linkTo, mailItem, markingOf, renderMail } from './mail.templates.js';

const notification: Notification = {
  id: '00000000-0000-4000-8000-000000000001',
  kind: 'action.assigned',
  committeeId: '00000000-0000-4000-8000-000000000002',
  entityType: 'action-item',
  entityId: '00000000-0000-4000-8000-000000000003',
  ancestorIds: [],
  title: 'Kaji <tarif> & kuota',
  text: 'Aminah assigned you an action',
  at: '2031-01-01T00:00:00.000Z',
  readAt: null,
};

describe(markingOf.name, () => {
  it('should mark CONFIDENTIAL and SECRET only', () => {
    expect([0, 1, 2, 3].map(markingOf)).toEqual([null, null, 'SULIT', 'RAHSIA']);
  });
});

describe(linkTo.name, () => {
  const committee = '00000000-0000-4000-8000-0000000000c1';
  const paper = '00000000-0000-4000-8000-0000000000d1';
  const item = '00000000-0000-4000-8000-0000000000a1';
  const meeting = '00000000-0000-4000-8000-0000000000e1';
  const about = (entityType: string, entityId: string, ancestorIds: string[]) =>
    linkTo('https://sidang.test/', { committeeId: committee, entityType, entityId, ancestorIds });

  it('should open a paper on its meeting’s page, as the app does', () => {
    expect(about('document', paper, [item, meeting])).toBe(`https://sidang.test/c/${committee}/meetings/${meeting}`);
  });

  it('should open the minutes on their meeting and an action on its own page', () => {
    expect(about('minutes', paper, [meeting])).toBe(`https://sidang.test/c/${committee}/meetings/${meeting}`);
    expect(about('action-item', paper, [])).toBe(`https://sidang.test/c/${committee}/actions/${paper}`);
  });

  it('should fall back to the committee’s home for a record that opens nowhere', () => {
    expect(about('member', paper, [])).toBe(`https://sidang.test/c/${committee}`);
    expect(about('not-a-type', paper, [])).toBe(`https://sidang.test/c/${committee}`);
  });
});

describe(renderMail.name, () => {
  it('should escape the HTML part and keep the plain text as written', () => {
    const mail = renderMail([mailItem(notification, 0, 'en', 'https://sidang.test/')], { name: 'Badrul', locale: 'en' }, false);
    expect(mail.subject).toBe('Sidang: Aminah assigned you an action');
    expect(mail.text).toContain('Kaji <tarif> & kuota');
    expect(mail.html).toContain('Kaji &lt;tarif&gt; &amp; kuota');
    expect(mail.html).toContain(`href="${linkTo('https://sidang.test', notification)}"`);
  });

  it('should carry only the marking, the type and the link of a marked record, in the reader’s language', () => {
    const mail = renderMail([mailItem(notification, 2, 'ms', 'https://sidang.test')], { name: 'Badrul', locale: 'ms' }, false);
    expect(mail.subject).toBe('[SULIT] Sidang: pemberitahuan tentang tindakan');
    for (const part of [mail.subject, mail.text, mail.html]) {
      expect(part).not.toContain('tarif');
      expect(part).not.toContain('Aminah');
    }
    expect(mail.text).toContain('/actions/00000000-0000-4000-8000-000000000003');
  });

  it('should link a marked paper to its meeting by ids only', () => {
    const paper: Notification = {
      ...notification,
      kind: 'paper.added',
      entityType: 'document',
      ancestorIds: ['00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000005'],
    };
    const mail = renderMail([mailItem(paper, 3, 'en', 'https://sidang.test')], { name: 'Badrul', locale: 'en' }, false);
    const link = `https://sidang.test/c/${notification.committeeId}/meetings/00000000-0000-4000-8000-000000000005`;
    expect(mail.text).toContain(`: ${link}\n`);
    expect(mail.html).toContain(`href="${link}"`);
    for (const part of [mail.subject, mail.text, mail.html]) expect(part).not.toContain('tarif');
  });
});
