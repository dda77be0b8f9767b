import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type {
  AgendaItem,
  CreateAgendaItem,
  Decision,
  EventEnvelope,
  Interest,
  ItemQuorum,
  Meeting,
  Minutes,
  OpenVote,
  Vote,
} from '@sidang/shared';
import { sql } from './support/db.js';
import { aCommitteeOf, aRunningMeeting, subscribedClient } from './support/deciding.js';
import { aMeeting, anAgendaItem, anInterest, aVote, type TestUser, unique } from './support/factories.js';
import { type LiveClient, TestApp } from './support/harness.js';

/**
 * Votes in the meeting: the chair opens and closes, voting members present cast; each member is
 * counted once however many sockets and requests carry their ballot; a secret ballot's choice is
 * never tied to its voter on any channel; one who stepped out of the item cannot vote.
 */
describe('votes in the meeting', () => {
  let app: TestApp;
  let committee: { id: string };
  let chair: TestUser;
  let secretariat: TestUser;
  let members: TestUser[];
  let observer: TestUser;
  let absent: TestUser;

  beforeAll(async () => {
    app = await TestApp.start();
    app.checkErrorBodies = true;
    ({
      committee,
      people: { chair, secretariat, observer, absent },
      members,
    } = await aCommitteeOf(
      app,
      {
        chair: { clearance: 'SECRET', role: 'chair', name: 'Chair' },
        secretariat: { clearance: 'SECRET', role: 'secretariat', name: 'Secretariat' },
        observer: { clearance: 'SECRET', role: 'observer', name: 'Observer' },
        absent: { clearance: 'SECRET', role: 'member', name: 'Absent member' },
      },
      { count: 4, clearance: 'CONFIDENTIAL' },
    ));
  });

  afterAll(async () => {
    await app?.close();
  });

  const subscribed = (user: TestUser): Promise<LiveClient> => subscribedClient(app, user, committee);

  /** A meeting in progress with one item, every member (not `absent`) and the observer marked present. */
  const runningMeeting = async (itemFields: Partial<CreateAgendaItem> = {}): Promise<{ meeting: Meeting; item: AgendaItem }> => {
    const { meeting, items } = await aRunningMeeting(app, chair, committee, [chair, secretariat, observer, ...members], [itemFields]);
    return { meeting, item: items[0] as AgendaItem };
  };

  const open = (item: AgendaItem, body: OpenVote): Promise<Vote> => aVote(app, chair, item, body);

  const cast = (user: TestUser, vote: Vote, choice: string, receipt?: string) =>
    app.request<Vote & { receipt?: string; code?: string; message?: string; issues?: Array<{ field: string }> }>(
      'POST',
      `/api/votes/${vote.id}/ballots`,
      user.token,
      receipt === undefined ? { choice } : { choice, receipt },
    );

  it('should open a vote only by the chair, only while the meeting is in progress, with for / against / abstain by default', async () => {
    const meeting = await aMeeting(app, chair, committee);
    const item = await anAgendaItem(app, chair, meeting);
    const early = await app.request<{ code: string }>('POST', `/api/agenda-items/${item.id}/votes`, chair.token, {
      question: 'Setuju?',
      ballot: 'named',
    });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('meeting_not_in_progress');

    const running = await runningMeeting();
    const bySecretariat = await app.request<{ code: string }>('POST', `/api/agenda-items/${running.item.id}/votes`, secretariat.token, {
      question: 'Setuju?',
      ballot: 'named',
    });
    expect(bySecretariat.status).toBe(403);
    const bad = await app.request<{ issues: Array<{ field: string }> }>('POST', `/api/agenda-items/${running.item.id}/votes`, chair.token, {
      question: 'Setuju?',
      ballot: 'by-show-of-hands',
    });
    expect(bad.status).toBe(400);
    expect(bad.body.issues.map((issue) => issue.field)).toContain('ballot');

    const vote = await open(running.item, { question: 'Setuju dengan cadangan?', ballot: 'named' });
    expect(vote).toMatchObject({
      options: ['for', 'against', 'abstain'],
      status: 'open',
      ballotsCast: 0,
      tally: { for: 0, against: 0, abstain: 0 },
    });
  });

  it('should count each member once when their ballots arrive at once from several sockets, the last named ballot replacing the first', async () => {
    const { item } = await runningMeeting();
    const watchers = await Promise.all([chair, ...members].map(subscribed));
    const vote = await open(item, { question: unique('Terima laporan?'), ballot: 'named' });

    // Each member sends three ballots at once, each from a socket of their own as well.
    const sockets = await Promise.all(members.map(subscribed));
    const choices = ['for', 'against', 'for'];
    const answers = await Promise.all(members.flatMap((member) => choices.map((choice) => cast(member, vote, choice))));
    expect(answers.map((answer) => answer.status)).toEqual(answers.map(() => 200));

    const final = await app.request<Vote>('GET', `/api/votes/${vote.id}`, chair.token);
    expect(final.body.ballotsCast).toBe(members.length);
    expect(new Set(final.body.voterIds)).toEqual(new Set(members.map((member) => member.id)));
    const tally = final.body.tally ?? {};
    expect((tally.for ?? 0) + (tally.against ?? 0) + (tally.abstain ?? 0)).toBe(members.length);
    const { dataSource } = sql(app);
    const rows: Array<{ voter_id: string }> = await dataSource.query('SELECT voter_id FROM vote_ballots_cast WHERE vote_id = $1', [
      vote.id,
    ]);
    expect(rows).toHaveLength(members.length);

    // Every socket ends at the same count: the last tallied event is the stored version.
    for (const client of [...watchers, ...sockets]) {
      await client.waitFor((events) => events.some((e) => e.entityId === vote.id && e.version === final.body.version));
      const last = client.events.filter((e) => e.entityId === vote.id).at(-1) as EventEnvelope & { data: Vote };
      expect(last.type).toBe('vote.tallied');
      expect(last.data.ballotsCast).toBe(members.length);
    }

    // A second ballot replaces the first.
    const [first] = members as [TestUser];
    await cast(first, vote, 'abstain');
    const changed = await cast(first, vote, 'against');
    expect(changed.body.ballots?.filter((ballot) => ballot.userId === first.id)).toEqual([{ userId: first.id, choice: 'against' }]);
    expect(changed.body.ballotsCast).toBe(members.length);
  });

  it('should refuse ballots from those who do not vote, unknown choices, and anything after the close, which records the decision', async () => {
    const { item } = await runningMeeting();
    const vote = await open(item, { question: unique('Luluskan bajet?'), ballot: 'named' });
    const watcher = await subscribed(secretariat);

    const byObserver = await cast(observer, vote, 'for');
    expect([byObserver.status, byObserver.body.code]).toEqual([403, 'not_voting']);
    const byAbsent = await cast(absent, vote, 'for');
    expect([byAbsent.status, byAbsent.body.code]).toEqual([403, 'not_voting']);
    const unknown = await cast(members[0] as TestUser, vote, 'maybe');
    expect(unknown.status).toBe(400);
    expect(unknown.body.issues?.map((issue) => issue.field)).toEqual(['choice']);

    expect((await cast(members[0] as TestUser, vote, 'for')).status).toBe(200);
    expect((await cast(members[1] as TestUser, vote, 'for')).status).toBe(200);
    expect((await cast(members[2] as TestUser, vote, 'against')).status).toBe(200);

    const byMember = await app.request('POST', `/api/votes/${vote.id}/close`, (members[0] as TestUser).token);
    expect(byMember.status).toBe(403);
    const closed = await app.request<Vote>('POST', `/api/votes/${vote.id}/close`, chair.token);
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed', tally: { for: 2, against: 1, abstain: 0 } });
    expect(closed.body.decisionId).toEqual(expect.any(String));
    const decisions = await app.request<Decision[]>('GET', `/api/agenda-items/${item.id}/decisions`, chair.token);
    const decision = decisions.body.find((d) => d.id === closed.body.decisionId);
    expect(decision?.text).toContain('Setuju: 2; Tidak setuju: 1; Berkecuali: 0');
    // The result lands in the minutes, under its item.
    const minutes = await app.request<Minutes>('GET', `/api/meetings/${item.meetingId}/minutes`, chair.token);
    const section = minutes.body.sections.find((s) => s.agendaItemId === item.id);
    expect(section?.decisions?.map((d) => d.text)).toContain(decision?.text);

    const again = await app.request<{ code: string }>('POST', `/api/votes/${vote.id}/close`, chair.token);
    expect([again.status, again.body.code]).toEqual([409, 'vote_closed']);
    const late = await cast(members[3] as TestUser, vote, 'for');
    expect([late.status, late.body.code]).toEqual([409, 'vote_closed']);

    const types =
      (await watcher.waitForEntity(vote.id, 'vote.closed')) && watcher.events.filter((e) => e.entityId === vote.id).map((e) => e.type);
    expect(types).toEqual(['vote.tallied', 'vote.tallied', 'vote.tallied', 'vote.closed']);
  });

  it('should never tie a secret ballot to its voter on any channel, changed or not; the chair sees only the tally', async () => {
    const { item } = await runningMeeting();
    const marker = `MARKER-${unique('choice')}`;
    const watchers = await Promise.all([chair, secretariat, ...members].map(subscribed));
    const after = (await app.request<{ latestSeq: number }>('GET', `/api/committees/${committee.id}/events?after=0&limit=1`, chair.token))
      .body.latestSeq;
    const vote = await open(item, {
      question: unique('Pilih rakan kongsi'),
      options: ['Agensi A', marker, 'Berkecuali'],
      ballot: 'secret',
    });
    const [markerVoter, other] = members as [TestUser, TestUser];
    // The marker voter first casts another option, then changes to the marker with the receipt.
    const first = await cast(markerVoter, vote, 'Agensi A');
    expect(first.status).toBe(200);
    const receipt = first.body.receipt as string;
    expect(receipt).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const second = await cast(other, vote, 'Agensi A');
    expect(second.status).toBe(200);
    expect(second.body.receipt).not.toEqual(receipt);
    // While open: who has voted and how many, never a count by choice.
    expect(second.body).toMatchObject({ ballotsCast: 2, tally: null, ballots: null });
    expect(new Set(second.body.voterIds)).toEqual(new Set([markerVoter.id, other.id]));

    // Without the receipt, or with a wrong one: refused, naming the field.
    const wrongReceipt = `${receipt.slice(0, -2)}${receipt.endsWith('AA') ? 'BB' : 'AA'}`;
    for (const sent of [undefined, wrongReceipt]) {
      const refused = await cast(markerVoter, vote, marker, sent);
      expect([refused.status, refused.body.code, refused.body.issues?.[0]?.field]).toEqual([409, 'already_voted', 'receipt']);
      expect(refused.body.message).toContain('device that cast it');
    }
    const changed = await cast(markerVoter, vote, marker, receipt);
    expect(changed.status).toBe(200);
    expect(changed.body.receipt).toBeUndefined();
    expect(changed.body).toMatchObject({ ballotsCast: 2, tally: null, ballots: null, version: first.body.version + 2 });
    // The same choice again: no change, no new version.
    const same = await cast(markerVoter, vote, marker, receipt);
    expect([same.status, same.body.version, same.body.receipt]).toEqual([200, changed.body.version, undefined]);

    /** Whatever a channel sent about the vote, without the options the chair wrote (where the marker is a label). */
    const withoutOptions = (value: unknown): string =>
      JSON.stringify(value, (key, field) => {
        // The options (labels the chair wrote) and the final tally (counts by option) name the marker by design.
        if (key === 'options' || (key === 'tally' && field !== null)) return undefined;
        return field && typeof field === 'object' && (field as { field?: unknown }).field === 'tally' ? undefined : field;
      });
    const openViews = [
      (await app.request('GET', `/api/votes/${vote.id}`, chair.token)).body,
      (await app.request('GET', `/api/votes/${vote.id}`, markerVoter.token)).body,
      (await app.request('GET', `/api/meetings/${vote.meetingId}/votes`, chair.token)).body,
    ];
    for (const view of openViews) expect(withoutOptions(view)).not.toContain(marker);

    const closed = await app.request<Vote>('POST', `/api/votes/${vote.id}/close`, chair.token);
    expect(closed.status).toBe(200);
    // Positive control: the chair sees the tally, the changed ballot counted once, as changed.
    expect(closed.body.tally).toEqual({ 'Agensi A': 1, [marker]: 1, Berkecuali: 0 });
    expect(closed.body.ballotsCast).toBe(2);
    expect(closed.body.ballots).toBeNull();
    /** Neither the marker (outside the options and final tally) nor either receipt. */
    const leaks = (value: unknown): string[] => {
      const text = withoutOptions(value);
      return [marker, receipt, second.body.receipt as string].filter((secret) => text.includes(secret));
    };
    expect(leaks(closed.body)).toEqual([]);

    // Socket, catch-up and activity: the vote's events carry no choice beside a voter.
    for (const client of watchers) {
      await client.waitForEntity(vote.id, 'vote.closed');
      const events = client.events.filter((e) => e.entityId === vote.id);
      for (const event of events) expect(leaks(event)).toEqual([]);
    }
    for (const user of [chair, markerVoter]) {
      const { events } = await app.catchUp(user.token, committee.id, after);
      const ofVote = events.filter((e) => e.entityId === vote.id);
      expect(ofVote.map((e) => e.type)).toEqual(['vote.opened', 'vote.tallied', 'vote.tallied', 'vote.tallied', 'vote.closed']);
      for (const event of ofVote) expect(leaks(event)).toEqual([]);
      const activity = await app.request<{ items: unknown[] }>(
        'GET',
        `/api/committees/${committee.id}/activity?entityId=${vote.id}`,
        user.token,
      );
      expect(activity.status).toBe(200);
      expect(activity.body.items.length).toBeGreaterThan(0);
      expect(leaks(activity.body)).toEqual([]);
    }

    // Stored apart: the audit rows never hold a choice; the choices hold no voter, time or order.
    const { dataSource } = sql(app);
    const audit: Array<{ before: unknown; after: unknown }> = await dataSource.query(
      'SELECT before, after FROM audit_entries WHERE entity_id = $1',
      [vote.id],
    );
    expect(audit).toHaveLength(5);
    for (const row of audit) expect(leaks(row)).toEqual([]);
    const columns: Array<{ column_name: string }> = await dataSource.query(
      "SELECT column_name FROM information_schema.columns WHERE table_name = 'vote_choices' ORDER BY column_name",
    );
    expect(columns.map((c) => c.column_name)).toEqual(['choice', 'id', 'receipt_hash', 'vote_id']);
    // The choices keep only the receipts' hashes, one row per ballot cast (the change replaced, never added).
    const choices: Array<{ choice: string; receipt_hash: string }> = await dataSource.query(
      'SELECT choice, receipt_hash FROM vote_choices WHERE vote_id = $1 ORDER BY choice',
      [vote.id],
    );
    const hash = (value: string) => createHash('sha256').update(value).digest('base64url');
    expect(choices).toEqual(
      [
        { choice: 'Agensi A', receipt_hash: hash(second.body.receipt as string) },
        { choice: marker, receipt_hash: hash(receipt) },
      ].sort((a, b) => (a.choice < b.choice ? -1 : 1)),
    );
    const cast_: Array<{ choice: string | null }> = await dataSource.query('SELECT choice FROM vote_ballots_cast WHERE vote_id = $1', [
      vote.id,
    ]);
    expect(cast_).toEqual([{ choice: null }, { choice: null }]);
  });

  it('should refuse a ballot, with code recused, from a member who declared an interest and stepped out of the item', async () => {
    const { meeting, item } = await runningMeeting();
    const vote = await open(item, { question: unique('Anugerah kontrak?'), ballot: 'named' });
    const [recused, staying] = members as [TestUser, TestUser];
    const quorumOf = async () => (await app.request<ItemQuorum>('GET', `/api/agenda-items/${item.id}/quorum`, chair.token)).body;
    const before = await quorumOf();
    expect(before.steppedOut).toEqual([]);
    const declared = await anInterest(app, recused, item, { nature: 'Pengarah syarikat pembida', stepsOut: true });
    expect(declared).toMatchObject({ userId: recused.id, stepsOut: true, subjectId: item.id, meetingId: meeting.id });
    // Leaves the item's quorum: neither voting nor present.
    const after = await quorumOf();
    expect(after.steppedOut).toEqual([recused.id]);
    expect([after.quorum.voting, after.quorum.present]).toEqual([before.quorum.voting - 1, before.quorum.present - 1]);
    const refused = await cast(recused, vote, 'for');
    expect([refused.status, refused.body.code]).toEqual([403, 'recused']);
    // One who declared without stepping out still votes.
    await anInterest(app, staying, item, { nature: 'Pemegang saham kecil', stepsOut: false });
    expect((await cast(staying, vote, 'for')).status).toBe(200);

    // "Perisytiharan kepentingan" in the minutes, under the item.
    const minutes = await app.request<Minutes>('GET', `/api/meetings/${meeting.id}/minutes`, chair.token);
    const section = minutes.body.sections.find((s) => s.agendaItemId === item.id);
    expect(section?.interests).toEqual([
      { userName: recused.user.name, nature: 'Pengarah syarikat pembida', stepsOut: true },
      { userName: staying.user.name, nature: 'Pemegang saham kecil', stepsOut: false },
    ]);
    const register = await app.request<Interest[]>('GET', `/api/meetings/${meeting.id}/interests`, chair.token);
    expect(register.body.map((interest) => [interest.userName, interest.stepsOut])).toEqual([
      [recused.user.name, true],
      [staying.user.name, false],
    ]);
  });
});
