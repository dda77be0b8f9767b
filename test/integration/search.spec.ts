import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ActionItem, AgendaItem, Classification, Meeting, SearchResponse, SearchResult } from '@sidang/shared';
import { CLASSIFICATIONS } from '@sidang/shared';
import { SearchService } from '../../server/src/search/search.service.js';
import { connectSocket, type SidangSocket } from '../support/sockets.js';
import { sql } from './support/db.js';
import { aCommittee, aMembership, aUser, type TestUser } from './support/factories.js';
import { type Session, TestApp } from './support/harness.js';
import { DocClient, eventually, minutesWorld } from './support/minutes-docs.js';

/** A word no demo record contains, so a query for it finds only what a test planted. */
function marker(prefix: string): string {
  return `${prefix}${Math.random().toString(36).slice(2, 10).replace(/\d/g, 'x')}`;
}

/**
 * Search (GET /api/search) on the index the change pipeline keeps: English and Malay words,
 * typos in titles, and need-to-know — committees, record levels, governing records and field
 * levels — on PostgreSQL and on the embedded store.
 */
describe('search', () => {
  let app: TestApp;
  let chair: Session;
  let committeeId: string;
  /** One reader per clearance, all members of the demo committee, and one outsider. */
  let readers: Record<Classification, Session>;
  let outsider: TestUser;

  beforeAll(async () => {
    app = await TestApp.start();
    chair = await app.login('chair');
    committeeId = (await app.committees(chair.token)).main.id;
    const restricted = await aUser(app, { clearance: 'RESTRICTED' });
    await aMembership(app, { id: committeeId }, restricted);
    readers = {
      OPEN: await app.login('observer'),
      RESTRICTED: restricted,
      CONFIDENTIAL: await app.login('member'),
      SECRET: chair,
    };
    outsider = await aUser(app, { clearance: 'SECRET' });
    // A loaded machine may take long to start the app and hash the factory users' passwords.
  }, 120_000);

  afterAll(async () => {
    await app?.close();
  });

  const search = async (token: string, params: Record<string, string>) => {
    const result = await app.request<SearchResponse>('GET', `/api/search?${new URLSearchParams(params)}`, token);
    expect(result.status).toBe(200);
    return result.body.items;
  };
  const ids = (items: SearchResult[]) => items.map((item) => item.id);

  it('should find an action item by English words, stemmed, and by a prefix as you type', async () => {
    const word = marker('kestrel');
    const item = await app.createItem(chair.token, committeeId, {
      title: `Feasibility of a ${word} separation plant`,
      description: 'Negotiations on processing rights with the state government continue next quarter.',
    });
    expect(ids(await search(chair.token, { q: word }))).toEqual([item.id]);
    // English stems: "negotiation" and "processed" match "Negotiations" and "processing".
    expect(ids(await search(chair.token, { q: `${word} negotiation processed` }))).toEqual([item.id]);
    // Half a word, as typed so far.
    expect(ids(await search(chair.token, { q: `separation ${word.slice(0, 5)}` }))).toContain(item.id);
    const [hit] = await search(chair.token, { q: `${word} quarter` });
    expect(hit).toMatchObject({
      type: 'action-item',
      id: item.id,
      committeeId,
      title: `Feasibility of a ${word} separation plant`,
      ancestorIds: [],
    });
    expect(hit?.snippet).toContain('quarter');
  });

  it('should find Malay words by their stem (pemprosesan ↔ proses, pembangunan ↔ membangun, perjanjian ↔ janji)', async () => {
    const word = marker('lombong');
    const item = await app.createItem(chair.token, committeeId, {
      title: `Kajian pemprosesan ${word} di Gebeng`,
      description: 'Pembangunan kilang dan perjanjian pelaburan dengan rakan strategik.',
    });
    // The Indonesian stemmer strips the Malay affixes: each query word reaches the record's forms.
    for (const q of [`${word} proses`, `${word} diproses`, `${word} membangun`, `${word} janji`, `${word} melabur`]) {
      expect({ q, found: ids(await search(chair.token, { q })) }).toEqual({ q, found: [item.id] });
    }
    // A word it does not contain still narrows the result away.
    expect(await search(chair.token, { q: `${word} bauksit` })).toEqual([]);
  });

  it('should find records written in one language by the glossary terms of the other (kitar semula ↔ recycling, nadir bumi ↔ rare earth, Jepun ↔ Japan)', async () => {
    const word = marker('glosari');
    const english = await app.createItem(chair.token, committeeId, {
      title: `Magnet recycling pilot ${word}`,
      description: 'Rare earth scrap to be shipped to Japan for the trial.',
    });
    const malay = await app.createItem(chair.token, committeeId, {
      title: `Kajian kitar semula ${word}`,
      description: 'Sisa nadir bumi dihantar ke Jepun untuk ujian.',
    });
    const found = async (q: string) => ({ q, found: ids(await search(chair.token, { q: `${word} ${q}` })).sort() });
    const both = [english.id, malay.id].sort();
    for (const q of ['kitar semula', 'recycling', 'nadir bumi', 'rare earth', 'Jepun', 'Japan']) {
      expect(await found(q)).toEqual({ q, found: both });
    }
    // A term's words must come together: "kitar" alone is not the glossary's "kitar semula".
    expect(await found('kitar')).toEqual({ q: 'kitar', found: [malay.id] });
    // A term of another concept still narrows the result away.
    expect(await found('Jerman')).toEqual({ q: 'Jerman', found: [] });
    // The snippet shows the passage the other language's term matched.
    const [hit] = await search(chair.token, { q: `${word} Jepun`, types: 'action-item' }).then((items) =>
      items.filter((item) => item.id === english.id),
    );
    expect(hit?.snippet).toContain('Japan');
  });

  it('should find a title despite a typo or a typo in a half-typed word', async () => {
    const word = marker('rundingan');
    const item = await app.createItem(chair.token, committeeId, { title: `Perundingan ${word} bekalan nadir bumi` });
    const meeting = await app.request<Meeting>('POST', `/api/committees/${committeeId}/meetings`, chair.token, {
      status: 'scheduled',
      title: `Mesyuarat pemprosesan ${word}`,
      startsAt: '2026-12-03T09:00:00+08:00',
    });
    expect(meeting.status).toBe(201);
    // A letter missing, and a word typed only partly with a letter swapped.
    expect(ids(await search(chair.token, { q: `perundigan ${word}` }))).toContain(item.id);
    expect(ids(await search(chair.token, { q: `${word} pemprosesn` }))).toContain(meeting.body.id);
    // "rundingan" (the plain word) reaches "Perundingan" through the title's trigrams, although
    // the stemmer gives them different stems (unding / runding): docs/search.md.
    expect(ids(await search(chair.token, { q: `rundingan ${word}` }))).toContain(item.id);
  });

  it('should return to each clearance exactly the records at or below it, and nothing to a non-member', async () => {
    const word = marker('tier');
    const created = new Map<Classification, string>();
    for (const classification of CLASSIFICATIONS) {
      const item = await app.createItem(chair.token, committeeId, { title: `Level ${word} ${classification}`, classification });
      created.set(classification, item.id);
    }
    for (const [index, clearance] of CLASSIFICATIONS.entries()) {
      const reader = readers[clearance];
      const found = await search(reader.token, { q: word });
      const expected = CLASSIFICATIONS.slice(0, index + 1).map((level) => created.get(level));
      expect({ clearance, found: ids(found).sort() }).toEqual({ clearance, found: [...expected].sort() });
      // Even named directly, nothing above the reader appears in any title or snippet.
      for (const above of CLASSIFICATIONS.slice(index + 1)) expect(JSON.stringify(found)).not.toContain(above);
    }
    // SECRET clearance is not membership: an outsider finds nothing of the committee.
    expect(await search(outsider.token, { q: word })).toEqual([]);
    const refused = await app.request('GET', `/api/search?q=${word}&committeeId=${committeeId}`, outsider.token);
    expect(refused.status).toBe(404);
  });

  it("should not show a committee's records to members of another committee, and show them to its own", async () => {
    const other = await aCommittee(app);
    const otherChair = await aUser(app, { clearance: 'SECRET' });
    await aMembership(app, other, otherChair, 'chair');
    const word = marker('enclave');
    const item = await app.createItem(otherChair.token, other.id, { title: `Working paper ${word}` });
    expect(ids(await search(otherChair.token, { q: word }))).toEqual([item.id]);
    expect(ids(await search(otherChair.token, { q: word, committeeId: other.id }))).toEqual([item.id]);
    expect((await app.request('GET', `/api/search?q=${word}&committeeId=${committeeId}`, otherChair.token)).status).toBe(404);
    expect(await search(chair.token, { q: word })).toEqual([]);
  });

  it('should neither match nor show a SECRET field of a CONFIDENTIAL action item to a CONFIDENTIAL reader, and do both for a SECRET one', async () => {
    const secret = marker('redline');
    const word = marker('envelope');
    const item = await app.createItem(chair.token, committeeId, {
      title: `Incentive ${word} for the magnet plant`,
      description: `Walk away below ${secret} per tonne.`,
      classification: 'CONFIDENTIAL',
      fieldClassifications: { description: 'SECRET' },
    });
    const member = readers.CONFIDENTIAL;
    // The SECRET word matches nothing for the CONFIDENTIAL reader …
    expect(await search(member.token, { q: secret })).toEqual([]);
    expect(await search(member.token, { q: `${word} ${secret}` })).toEqual([]);
    expect(await search(member.token, { q: `${word} tonne` })).toEqual([]);
    // … who finds the record by its title, with nothing of the description.
    const seen = await search(member.token, { q: word });
    expect(ids(seen)).toEqual([item.id]);
    expect(JSON.stringify(seen)).not.toContain(secret);
    expect(JSON.stringify(seen)).not.toContain('tonne');
    // Positive control: the SECRET reader finds it by the marker, in the snippet.
    const [hit] = await search(chair.token, { q: secret });
    expect(hit?.id).toBe(item.id);
    expect(hit?.snippet).toContain(secret);
    expect(JSON.stringify(await search(chair.token, { q: word }))).toContain(secret);
  });

  it("should keep a negotiation's SECRET red lines out of a CONFIDENTIAL reader's results, find the register record by its title, and find both for a SECRET reader", async () => {
    const secret = marker('walkaway');
    const word = marker('chapter');
    const created = await app.request<{ id: string }>('POST', `/api/committees/${committeeId}/negotiations`, chair.token, {
      title: `Raw materials ${word} with the European Union`,
      counterpart: 'European Commission',
      position: 'Keep the moratorium on raw exports',
      redLines: `No tariff cut below ${secret}`,
      classification: 'CONFIDENTIAL',
      fieldClassifications: { redLines: 'SECRET' },
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const member = readers.CONFIDENTIAL;
    expect(await search(member.token, { q: secret })).toEqual([]);
    const seen = await search(member.token, { q: word });
    expect(seen).toEqual([expect.objectContaining({ type: 'negotiation', id })]);
    expect(JSON.stringify(seen)).not.toContain(secret);
    // Below the record's own level, not even its title.
    expect(await search(readers.RESTRICTED.token, { q: word })).toEqual([]);
    const [hit] = await search(chair.token, { q: secret });
    expect(hit).toMatchObject({ type: 'negotiation', id });
    expect(hit?.snippet).toContain(secret);
    expect(ids(await search(chair.token, { q: word, types: 'negotiation' }))).toEqual([id]);
    expect(await search(chair.token, { q: word, types: 'action-item' })).toEqual([]);
  });

  it('should drop a record from results the moment it is raised above the reader, and when its meeting is', async () => {
    const word = marker('raise');
    const member = readers.CONFIDENTIAL;
    const item = await app.createItem(chair.token, committeeId, { title: `Tariff ${word}`, classification: 'RESTRICTED' });
    expect(ids(await search(member.token, { q: word }))).toEqual([item.id]);
    const raised = await app.request<ActionItem>('PATCH', `/api/action-items/${item.id}`, chair.token, {
      version: item.version,
      classification: 'SECRET',
    });
    expect(raised.status).toBe(200);
    expect(await search(member.token, { q: word })).toEqual([]);
    expect(ids(await search(chair.token, { q: word }))).toEqual([item.id]);

    // An agenda item governed by its meeting: raising the meeting takes the item along.
    const meetingWord = marker('sitting');
    const meeting = (
      await app.request<Meeting>('POST', `/api/committees/${committeeId}/meetings`, chair.token, {
        status: 'scheduled',
        title: `Special ${meetingWord}`,
        startsAt: '2026-12-10T09:00:00+08:00',
      })
    ).body;
    const agendaItem = await app.request<AgendaItem>('POST', `/api/meetings/${meeting.id}/agenda-items`, chair.token, {
      title: `Briefing ${meetingWord}`,
    });
    expect(agendaItem.status).toBe(201);
    const before = await search(member.token, { q: meetingWord, types: 'agenda-item' });
    expect(before).toEqual([expect.objectContaining({ id: agendaItem.body.id, type: 'agenda-item', ancestorIds: [meeting.id] })]);
    const patched = await app.request('PATCH', `/api/meetings/${meeting.id}`, chair.token, {
      version: meeting.version,
      classification: 'SECRET',
    });
    expect(patched.status).toBe(200);
    expect(await search(member.token, { q: meetingWord })).toEqual([]);
    expect(ids(await search(chair.token, { q: meetingWord })).sort()).toEqual([meeting.id, agendaItem.body.id].sort());
  });

  it('should drop a deleted record, and filter by record type', async () => {
    const word = marker('erase');
    const item = await app.createItem(chair.token, committeeId, { title: `Obsolete ${word}` });
    const meeting = await app.request<Meeting>('POST', `/api/committees/${committeeId}/meetings`, chair.token, {
      status: 'scheduled',
      title: `Review ${word}`,
      startsAt: '2026-12-11T09:00:00+08:00',
    });
    expect(ids(await search(chair.token, { q: word })).sort()).toEqual([item.id, meeting.body.id].sort());
    expect(ids(await search(chair.token, { q: word, types: 'meeting' }))).toEqual([meeting.body.id]);
    expect(ids(await search(chair.token, { q: word, types: 'action-item,decision' }))).toEqual([item.id]);
    const removed = await app.request('DELETE', `/api/action-items/${item.id}?version=${item.version}`, chair.token);
    expect(removed.status).toBe(204);
    expect(ids(await search(chair.token, { q: word }))).toEqual([meeting.body.id]);
  });

  it('should refuse bad parameters with a 400 that names them, and ask for a token', async () => {
    const cases: Array<[string, string]> = [
      ['', 'q'],
      ['q=a', 'q'],
      [`q=${'x'.repeat(201)}`, 'q'],
      ['q=plant&types=action-item,nonsense', 'types'],
      ['q=plant&types=', 'types'],
      ['q=plant&limit=0', 'limit'],
      ['q=plant&limit=51', 'limit'],
      ['q=plant&limit=ten', 'limit'],
      ['q=plant&committeeId=nope', 'committeeId'],
      ['q=plant&sort=rank', 'sort'],
      ['q=plant&q=twice', 'q'],
    ];
    for (const [query, field] of cases) {
      const result = await app.request<{ message: string }>('GET', `/api/search?${query}`, chair.token);
      expect({ query, status: result.status }).toEqual({ query, status: 400 });
      expect(result.body.message).toContain(field);
    }
    expect((await app.request('GET', '/api/search?q=plant')).status).toBe(401);
    // Punctuation, operators and quotes are words' edges, never syntax.
    for (const q of ["'&|!():*<>\\", 'ŉʼː plant:*', 'a & b | !c', '((', '  ']) {
      const result = await app.request('GET', `/api/search?${new URLSearchParams({ q })}`, chair.token);
      expect({ q, status: result.status }).toEqual({ q, status: q.trim().length >= 2 ? 200 : 400 });
    }
  });

  it("should find a minutes section's text typed over a socket within seconds, only for readers cleared for the section", async () => {
    const world = await minutesWorld(app);
    const sockets: SidangSocket[] = [];
    const typeInto = async (docId: string, text: string) => {
      const socket = await connectSocket(app.url, world.secretariat.token);
      sockets.push(socket);
      const editor = new DocClient(socket, docId);
      const ack = await editor.join();
      if (!ack.ok) throw new Error(`join refused: ${ack.code}`);
      editor.paragraph().insert(0, text);
    };
    try {
      const openWord = marker('catatan');
      const secretWord = marker('rahsia');
      await typeInto(world.openSection, `Mesyuarat bersetuju ${openWord} dengan pemprosesan`);
      await typeInto(world.secretSection, `Garis merah ${secretWord}`);
      const found = async (user: { token: string }, word: string) =>
        (await app.request<SearchResponse>('GET', `/api/search?${new URLSearchParams({ q: word, types: 'minutes-section' })}`, user.token))
          .body.items;
      // Debounced: found within a few seconds of typing, by every member of the committee.
      await eventually(
        async () => (await found(world.observer, openWord)).length === 1,
        20_000,
        () => `${openWord} not found`,
      );
      const [hit] = await found(world.observer, openWord);
      expect(hit).toMatchObject({ type: 'minutes-section', id: world.openSection, committeeId: world.committee.id });
      expect(hit?.snippet).toContain(openWord);
      expect(hit?.ancestorIds).toEqual([world.openItem.id, world.meeting.id]);
      // The SECRET section: the SECRET member finds it (positive control), no one below does.
      await eventually(
        async () => (await found(world.secretMember, secretWord)).length === 1,
        20_000,
        () => `${secretWord} not found`,
      );
      for (const reader of [world.member, world.restricted, world.observer, world.outsider]) {
        expect(await found(reader, secretWord)).toEqual([]);
      }
      expect(await found(world.outsider, openWord)).toEqual([]);
    } finally {
      for (const socket of sockets) socket.disconnect();
    }
  });

  it('should index at start the records written before the index existed', async () => {
    const word = marker('legacy');
    const item = await app.createItem(chair.token, committeeId, { title: `Archived ${word}`, description: 'Pemprosesan awal' });
    const { dataSource } = sql(app);
    // As a data folder from before search: no index rows and no fingerprint of the registry.
    await dataSource.query('DELETE FROM search_entries');
    await dataSource.query(`DELETE FROM app_settings WHERE key = 'search.registry'`);
    expect(await search(chair.token, { q: word })).toEqual([]);
    await app.app.get(SearchService).onApplicationBootstrap();
    expect(ids(await search(chair.token, { q: `${word} proses` }))).toEqual([item.id]);
    expect(ids(await search(readers.CONFIDENTIAL.token, { q: word }))).toEqual([item.id]);
  });
});
