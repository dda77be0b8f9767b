import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { AdminCommittee, AdminUser, ApiError, EventEnvelope, LoginResponse, Member } from '@sidang/shared';
import { sql } from './support/db.js';
import { type HttpResult, type Session, TestApp } from './support/harness.js';

const PASSWORD = 'sidang-demo';
const ADMIN_EMAIL = 'admin@demo.sidang.my';

interface AuditRow {
  entity_type: string;
  committee_id: string | null;
  verb: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

describe('administration through the change pipeline', () => {
  let app: TestApp;
  let admin: Session;
  let chair: Session;
  let member: Session;
  let observer: Session;
  let mainId: string;
  let workingGroupId: string;

  beforeAll(async () => {
    app = await TestApp.start();
    admin = await loginAs(ADMIN_EMAIL);
    [chair, member, observer] = await Promise.all([app.login('chair'), app.login('member'), app.login('observer')]);
    const committees = await app.committees(chair.token);
    mainId = committees.main.id;
    workingGroupId = committees.workingGroup?.id as string;
  });

  afterAll(async () => {
    await app.close();
  });

  async function loginAs(email: string, password = PASSWORD): Promise<Session> {
    const result = await app.request<LoginResponse>('POST', '/api/auth/login', undefined, { email, password });
    if (result.status !== 200) throw new Error(`login of ${email} failed: ${result.status}`);
    return { ...result.body, token: result.body.accessToken };
  }

  let counter = 0;
  async function aUser(fields: Record<string, unknown> = {}): Promise<AdminUser> {
    counter += 1;
    const result = await app.request<AdminUser>('POST', '/api/admin/users', admin.token, {
      email: `person${counter}@agency.gov.my`,
      name: `Person ${counter}`,
      agency: 'mof',
      clearance: 'RESTRICTED',
      password: 'a long enough password',
      ...fields,
    });
    if (result.status !== 201) throw new Error(`create user failed: ${result.status} ${JSON.stringify(result.body)}`);
    return result.body;
  }

  async function put(token: string, committeeId: string, userId: string, role: string): Promise<HttpResult<Member & ApiError>> {
    return app.request('PUT', `/api/committees/${committeeId}/members/${userId}`, token, { role });
  }

  async function auditRows(entityId: string): Promise<AuditRow[]> {
    return sql(app).dataSource.query(
      'SELECT entity_type, committee_id, verb, before, after FROM audit_entries WHERE entity_id = $1 ORDER BY at, seq',
      [entityId],
    );
  }

  /** The events of `entityId` in a committee after `after`, read through catch-up as `reader`. */
  async function eventsOf(reader: Session, committeeId: string, entityId: string, after = 0): Promise<EventEnvelope[]> {
    const { events } = await app.catchUp(reader.token, committeeId, after);
    return events.filter((event) => event.entityId === entityId);
  }

  async function headSeq(committeeId: string): Promise<number> {
    const rows: Array<{ last_seq: string }> = await sql(app).dataSource.query(
      'SELECT last_seq FROM committee_sequences WHERE committee_id = $1',
      [committeeId],
    );
    return Number(rows[0]?.last_seq ?? 0);
  }

  describe('accounts', () => {
    it('should seed the administrator with no committee role', async () => {
      expect(admin.user).toMatchObject({ email: ADMIN_EMAIL, isAdmin: true, clearance: 'OPEN' });
      const committees = await app.request<unknown[]>('GET', '/api/committees', admin.token);
      expect(committees).toEqual({ status: 200, body: [] });
    });

    it('should list every account for an administrator, never a password hash', async () => {
      const { status, body } = await app.request<AdminUser[]>('GET', '/api/admin/users', admin.token);
      expect(status).toBe(200);
      expect(body.map((user) => user.email)).toEqual(expect.arrayContaining([ADMIN_EMAIL, 'chair@demo.sidang.my']));
      expect(body.find((user) => user.email === ADMIN_EMAIL)).toMatchObject({ isAdmin: true, active: true, version: 1 });
      expect(JSON.stringify(body)).not.toMatch(/password|argon2/i);
    });

    it('should refuse non-administrators with 403 and anonymous callers with 401', async () => {
      for (const session of [chair, member]) {
        const result = await app.request<ApiError>('GET', '/api/admin/users', session.token);
        expect(result.status).toBe(403);
        expect(result.body.message).toMatch(/administrators/i);
      }
      expect((await app.request('POST', '/api/admin/users', chair.token, { email: 'x@y.my' })).status).toBe(403);
      expect((await app.request('GET', '/api/admin/users')).status).toBe(401);
    });

    it('should create an account that can sign in, with one audit row and no hash in it', async () => {
      const created = await aUser({ email: 'New.Officer@Agency.gov.my', name: 'New Officer', agency: 'mof', clearance: 'CONFIDENTIAL' });
      expect(created).toMatchObject({
        email: 'new.officer@agency.gov.my',
        agency: 'MOF',
        clearance: 'CONFIDENTIAL',
        isAdmin: false,
        active: true,
        version: 1,
      });
      const session = await loginAs('new.officer@agency.gov.my', 'a long enough password');
      expect(session.user.id).toBe(created.id);
      const audit = await auditRows(created.id);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ entity_type: 'user', committee_id: null, verb: 'created', before: null, after: { id: created.id } });
      expect(JSON.stringify(audit)).not.toMatch(/passwordHash|argon2|long enough/);
    });

    it('should name the field of invalid input with 400, and a taken e-mail with 409', async () => {
      const base = { email: 'valid@agency.gov.my', name: 'Valid', agency: 'MOF', clearance: 'OPEN', password: 'a long enough password' };
      const shortPassword = await app.request<ApiError>('POST', '/api/admin/users', admin.token, { ...base, password: 'short' });
      expect(shortPassword.status).toBe(400);
      expect(shortPassword.body.issues?.map((issue) => issue.path)).toEqual(['password']);
      const badEmail = await app.request<ApiError>('POST', '/api/admin/users', admin.token, { ...base, email: 'not-an-email' });
      expect(badEmail.status).toBe(400);
      expect(badEmail.body.message).toMatch(/^email:/);
      const badClearance = await app.request<ApiError>('POST', '/api/admin/users', admin.token, { ...base, clearance: 'TOP' });
      expect(badClearance.status).toBe(400);
      expect(badClearance.body.message).toMatch(/clearance/);
      const taken = await app.request<ApiError>('POST', '/api/admin/users', admin.token, { ...base, email: 'CHAIR@demo.sidang.my' });
      expect(taken.status).toBe(409);
      expect(taken.body.message).toMatch(/^email: already in use/);
    });

    it('should change an account with a version, refuse a stale one with 409 and the current record', async () => {
      const user = await aUser();
      const first = await app.request<AdminUser>('PATCH', `/api/admin/users/${user.id}`, admin.token, {
        version: 1,
        name: 'Renamed',
        agency: 'nres',
      });
      expect(first).toMatchObject({ status: 200, body: { name: 'Renamed', agency: 'NRES', version: 2 } });
      const stale = await app.request<ApiError>('PATCH', `/api/admin/users/${user.id}`, admin.token, {
        version: 1,
        name: 'Blind overwrite',
      });
      expect(stale.status).toBe(409);
      expect(stale.body.current).toMatchObject({ id: user.id, name: 'Renamed', version: 2 });
      expect(JSON.stringify(stale.body)).not.toMatch(/passwordHash/);
      const audit = await auditRows(user.id);
      expect(audit.map((row) => [row.entity_type, row.verb])).toEqual([
        ['user', 'created'],
        ['user', 'updated'],
      ]);
      expect(audit[1]).toMatchObject({ before: { name: user.name, version: 1 }, after: { name: 'Renamed', version: 2 } });
    });

    it('should answer 400 naming the field, 404 for an unknown account and 403 for non-administrators', async () => {
      const user = await aUser();
      const cases: Array<[unknown, RegExp]> = [
        [{ version: 1 }, /^body:/],
        [{ version: 1, clearance: 'TOP' }, /clearance/],
        [{ version: 1, active: 'no' }, /active/],
        [{ version: 1, password: 'a long enough password' }, /password/],
        [{ name: 'No version' }, /version/],
      ];
      for (const [body, message] of cases) {
        const result = await app.request<ApiError>('PATCH', `/api/admin/users/${user.id}`, admin.token, body);
        expect([body, result.status, result.body.message]).toEqual([body, 400, expect.stringMatching(message)]);
      }
      const missing = await app.request('PATCH', '/api/admin/users/00000000-0000-4000-8000-000000000000', admin.token, {
        version: 1,
        name: 'x',
      });
      expect(missing.status).toBe(404);
      expect((await app.request('PATCH', `/api/admin/users/${user.id}`, chair.token, { version: 1, name: 'x' })).status).toBe(403);
      expect((await app.request('PATCH', '/api/admin/users/not-a-uuid', admin.token, { version: 1, name: 'x' })).status).toBe(400);
    });

    it('should refuse an administrator deactivating or un-admining themself (403 self_change), naming the field', async () => {
      const deactivate = await app.request<ApiError>('PATCH', `/api/admin/users/${admin.user.id}`, admin.token, {
        version: 1,
        active: false,
      });
      expect(deactivate.status).toBe(403);
      expect(deactivate.body).toMatchObject({ code: 'self_change', message: expect.stringMatching(/^active:/) });
      const unAdmin = await app.request<ApiError>('PATCH', `/api/admin/users/${admin.user.id}`, admin.token, {
        version: 1,
        isAdmin: false,
      });
      expect(unAdmin.status).toBe(403);
      expect(unAdmin.body).toMatchObject({ code: 'self_change', message: expect.stringMatching(/^isAdmin:/) });
    });

    it('should record one user audit row and one member.updated in every committee of the user, without clearances', async () => {
      const mosti = await loginAs('mosti@demo.sidang.my');
      const [mainBefore, groupBefore] = [await headSeq(mainId), await headSeq(workingGroupId)];
      const membersBefore = await app.request<Member[]>('GET', `/api/committees/${mainId}/members`, chair.token);
      const mainMembership = membersBefore.body.find((m) => m.userId === mosti.user.id) as Member;
      const users = await app.request<AdminUser[]>('GET', '/api/admin/users', admin.token);
      const current = users.body.find((u) => u.id === mosti.user.id) as AdminUser;

      const result = await app.request<AdminUser>('PATCH', `/api/admin/users/${mosti.user.id}`, admin.token, {
        version: current.version,
        clearance: 'RESTRICTED',
        name: 'Pegawai Penyelidikan Kanan (MOSTI)',
      });
      expect(result.status).toBe(200);
      expect(result.body).toMatchObject({ clearance: 'RESTRICTED', version: current.version + 1 });

      const audit = (await auditRows(mosti.user.id)).filter((row) => row.entity_type === 'user');
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({ verb: 'updated', before: { clearance: 'CONFIDENTIAL' }, after: { clearance: 'RESTRICTED' } });

      const inMain = await eventsOf(observer, mainId, mosti.user.id, mainBefore);
      expect(inMain.map((e) => [e.type, e.version])).toEqual([['member.updated', mainMembership.version + 1]]);
      expect(inMain[0]?.data).toMatchObject({ name: 'Pegawai Penyelidikan Kanan (MOSTI)', role: 'member', active: true });
      const inGroup = await eventsOf(chair, workingGroupId, mosti.user.id, groupBefore);
      expect(inGroup.map((e) => e.type)).toEqual(['member.updated']);
      for (const event of [...inMain, ...inGroup]) expect(JSON.stringify(event.data)).not.toMatch(/clearance|RESTRICTED|CONFIDENTIAL/);

      const membersAfter = await app.request<Member[]>('GET', `/api/committees/${mainId}/members`, chair.token);
      expect(membersAfter.body.find((m) => m.userId === mosti.user.id)).toMatchObject({
        version: mainMembership.version + 1,
        clearance: 'RESTRICTED',
      });
    });

    it('should stop a deactivated account from signing in and from using its token', async () => {
      const user = await aUser();
      await put(admin.token, mainId, user.id, 'member');
      const session = await loginAs(user.email, 'a long enough password');
      const before = await headSeq(mainId);
      const result = await app.request<AdminUser>('PATCH', `/api/admin/users/${user.id}`, admin.token, { version: 1, active: false });
      expect(result).toMatchObject({ status: 200, body: { active: false, version: 2 } });
      expect((await app.request('GET', '/api/committees', session.token)).status).toBe(401);
      const login = await app.request('POST', '/api/auth/login', undefined, { email: user.email, password: 'a long enough password' });
      expect(login.status).toBe(401);
      const events = await eventsOf(chair, mainId, user.id, before);
      expect(events.map((e) => e.type)).toEqual(['member.updated']);
      expect(events[0]?.data).toMatchObject({ active: false });
    });

    it('should reset a password: the old one stops working, the new one works, nothing of either is kept in the audit', async () => {
      const user = await aUser();
      await put(admin.token, mainId, user.id, 'observer');
      const before = await headSeq(mainId);
      const reset = await app.request<AdminUser>('POST', `/api/admin/users/${user.id}/password`, admin.token, {
        password: 'another long password',
      });
      expect(reset).toMatchObject({ status: 200, body: { id: user.id, version: 2 } });
      expect(
        (await app.request('POST', '/api/auth/login', undefined, { email: user.email, password: 'a long enough password' })).status,
      ).toBe(401);
      expect((await loginAs(user.email, 'another long password')).user.id).toBe(user.id);
      const audit = (await auditRows(user.id)).filter((row) => row.entity_type === 'user');
      expect(audit.map((row) => row.verb)).toEqual(['created', 'updated']);
      expect(JSON.stringify(audit)).not.toMatch(/passwordHash|argon2|another long password/);
      expect((await eventsOf(chair, mainId, user.id, before)).map((e) => e.type)).toEqual(['member.updated']);

      const short = await app.request<ApiError>('POST', `/api/admin/users/${user.id}/password`, admin.token, { password: 'short' });
      expect(short.status).toBe(400);
      expect(short.body.message).toMatch(/^password:/);
      const missing = await app.request('POST', '/api/admin/users/00000000-0000-4000-8000-000000000000/password', admin.token, {
        password: 'another long password',
      });
      expect(missing.status).toBe(404);
      expect(
        (await app.request('POST', `/api/admin/users/${user.id}/password`, chair.token, { password: 'another long password' })).status,
      ).toBe(403);
    });
  });

  describe('committees', () => {
    it('should list every committee and working group with parent and member counts', async () => {
      const { status, body } = await app.request<AdminCommittee[]>('GET', '/api/admin/committees', admin.token);
      expect(status).toBe(200);
      expect(body.find((c) => c.id === workingGroupId)).toMatchObject({ code: 'KK-RND-REE', parentId: mainId, memberCount: 3 });
      expect(body.find((c) => c.id === mainId)).toMatchObject({ code: 'JTK-REE', parentId: null, memberCount: expect.any(Number) });
      expect((await app.request('GET', '/api/admin/committees', chair.token)).status).toBe(403);
    });

    it('should create and rename a committee with an audit row each; a taken code is 409, a bad parent 400', async () => {
      const created = await app.request<AdminCommittee>('POST', '/api/admin/committees', admin.token, {
        code: 'KK-HILIRAN',
        name: 'Working Group on Downstream Magnets',
        nameMs: 'Kumpulan Kerja Magnet Hiliran',
        parentId: mainId,
      });
      expect(created).toMatchObject({ status: 201, body: { code: 'KK-HILIRAN', parentId: mainId, memberCount: 0 } });
      const renamed = await app.request<AdminCommittee>('PATCH', `/api/admin/committees/${created.body.id}`, admin.token, {
        name: 'Magnets WG',
      });
      expect(renamed).toMatchObject({ status: 200, body: { name: 'Magnets WG', nameMs: 'Kumpulan Kerja Magnet Hiliran' } });
      expect((await auditRows(created.body.id)).map((row) => [row.entity_type, row.verb])).toEqual([
        ['committee', 'created'],
        ['committee', 'updated'],
      ]);

      const taken = await app.request<ApiError>('POST', '/api/admin/committees', admin.token, { code: 'jtk-ree', name: 'x', nameMs: 'x' });
      expect(taken.status).toBe(409);
      expect(taken.body.message).toMatch(/^code:/);
      const nested = await app.request<ApiError>('POST', '/api/admin/committees', admin.token, {
        code: 'KK-NESTED',
        name: 'x',
        nameMs: 'x',
        parentId: workingGroupId,
      });
      expect(nested.status).toBe(400);
      expect(nested.body.message).toMatch(/^parentId:/);
      const badCode = await app.request<ApiError>('POST', '/api/admin/committees', admin.token, {
        code: 'bad code!',
        name: 'x',
        nameMs: 'x',
      });
      expect(badCode.status).toBe(400);
      expect(badCode.body.message).toMatch(/code/);
      expect(
        (await app.request('PATCH', '/api/admin/committees/00000000-0000-4000-8000-000000000000', admin.token, { name: 'x' })).status,
      ).toBe(404);
      expect((await app.request('POST', '/api/admin/committees', chair.token, { code: 'NOPE', name: 'x', nameMs: 'x' })).status).toBe(403);
    });
  });

  describe('memberships', () => {
    it('should add, change and remove a membership with one audit row and one member.* event each, live to other members', async () => {
      const user = await aUser({ clearance: 'SECRET' });
      const watcher = await app.connect(observer.token);
      const ack = await watcher.subscribe(mainId);
      expect(ack.ok).toBe(true);
      const start = ack.ok ? ack.seq : 0;

      const added = await put(admin.token, mainId, user.id, 'member');
      expect(added).toMatchObject({
        status: 201,
        body: { userId: user.id, committeeId: mainId, role: 'member', version: 1, clearance: 'SECRET' },
      });
      const changed = await put(admin.token, mainId, user.id, 'secretariat');
      expect(changed).toMatchObject({ status: 200, body: { role: 'secretariat', version: 2 } });
      const same = await put(admin.token, mainId, user.id, 'secretariat');
      expect(same).toMatchObject({ status: 200, body: { role: 'secretariat', version: 2 } });
      const removed = await app.request('DELETE', `/api/committees/${mainId}/members/${user.id}`, admin.token);
      expect(removed.status).toBe(204);

      const expected = [
        ['member.created', 1],
        ['member.updated', 2],
        ['member.deleted', 3],
      ];
      const live = await watcher.waitFor((events) => events.filter((e) => e.entityId === user.id).length >= 3);
      expect(live.filter((e) => e.entityId === user.id).map((e) => [e.type, e.version])).toEqual(expected);
      const caughtUp = await eventsOf(observer, mainId, user.id, start);
      expect(caughtUp.map((e) => [e.type, e.version])).toEqual(expected);
      expect(caughtUp[0]?.data).toEqual({
        id: user.id,
        userId: user.id,
        committeeId: mainId,
        name: user.name,
        agency: user.agency,
        role: 'member',
        active: true,
        version: 1,
      });
      expect(caughtUp[2]?.data).toEqual({ id: user.id });
      for (const event of [...live.filter((e) => e.entityId === user.id), ...caughtUp])
        expect(JSON.stringify(event.data)).not.toMatch(/clearance|SECRET/);

      const audit = (await auditRows(user.id)).filter((row) => row.entity_type === 'member');
      expect(audit.map((row) => [row.committee_id, row.verb])).toEqual([
        [mainId, 'created'],
        [mainId, 'updated'],
        [mainId, 'deleted'],
      ]);
      expect(audit[1]).toMatchObject({ before: { role: 'member' }, after: { role: 'secretariat' } });
      expect(JSON.stringify(audit)).not.toMatch(/clearance/);

      await watcher.delivered();
      expect(watcher.events.filter((e) => e.entityId === user.id)).toHaveLength(3);
      watcher.disconnect();
    });

    it('should let the removed member know nothing more, and list members as the removal left them', async () => {
      const user = await aUser();
      await put(admin.token, mainId, user.id, 'member');
      const session = await loginAs(user.email, 'a long enough password');
      expect((await app.request('GET', `/api/committees/${mainId}`, session.token)).status).toBe(200);
      await app.request('DELETE', `/api/committees/${mainId}/members/${user.id}`, chair.token);
      expect((await app.request('GET', `/api/committees/${mainId}`, session.token)).status).toBe(404);
      const members = await app.request<Member[]>('GET', `/api/admin/committees/${mainId}/members`, admin.token);
      expect(members.status).toBe(200);
      expect(members.body.some((m) => m.userId === user.id)).toBe(false);
      expect(members.body.every((m) => m.clearance !== undefined)).toBe(true);
    });

    it('should let the chair manage their own committee, and refuse others with 403 or 404', async () => {
      const user = await aUser();
      expect((await put(chair.token, mainId, user.id, 'observer')).status).toBe(201);
      const candidates = await app.request<Array<{ id: string }>>('GET', `/api/committees/${mainId}/member-candidates`, chair.token);
      expect(candidates.status).toBe(200);
      expect(candidates.body.some((c) => c.id === user.id)).toBe(false);
      expect(candidates.body.some((c) => c.id === admin.user.id)).toBe(true);

      const asMember = await put(member.token, mainId, user.id, 'member');
      expect(asMember.status).toBe(403);
      expect((await app.request('DELETE', `/api/committees/${mainId}/members/${user.id}`, member.token)).status).toBe(403);
      expect((await app.request('GET', `/api/committees/${mainId}/member-candidates`, member.token)).status).toBe(403);
      // The member is not in the working group: it does not exist for them.
      expect((await put(member.token, workingGroupId, user.id, 'member')).status).toBe(404);
      expect((await app.request('GET', `/api/admin/committees/${mainId}/members`, chair.token)).status).toBe(403);
    });

    it('should answer 400 naming the field and 404 for unknown users, committees and memberships', async () => {
      const user = await aUser();
      const badRole = await put(admin.token, mainId, user.id, 'president');
      expect(badRole.status).toBe(400);
      expect(badRole.body.message).toMatch(/^role:/);
      const badId = await put(admin.token, mainId, 'nope', 'member');
      expect(badId.status).toBe(400);
      expect(badId.body.message).toMatch(/^userId:/);
      const nobody = '00000000-0000-4000-8000-000000000000';
      expect((await put(admin.token, mainId, nobody, 'member')).status).toBe(404);
      expect((await put(admin.token, nobody, user.id, 'member')).status).toBe(404);
      expect((await put(chair.token, nobody, user.id, 'member')).status).toBe(404);
      expect((await app.request('DELETE', `/api/committees/${mainId}/members/${user.id}`, admin.token)).status).toBe(404);
    });

    it('should refuse a chair stepping down or leaving themself (403 self_change), even once another chair exists', async () => {
      const committee = await app.request<AdminCommittee>('POST', '/api/admin/committees', admin.token, {
        code: 'JK-CHAIRS',
        name: 'Chairs test',
        nameMs: 'Ujian pengerusi',
      });
      const id = committee.body.id;
      const first = await aUser();
      const second = await aUser();
      await put(admin.token, id, first.id, 'chair');
      const firstSession = await loginAs(first.email, 'a long enough password');
      const before = await headSeq(id);

      const stepDown = await put(firstSession.token, id, first.id, 'member');
      expect(stepDown.status).toBe(403);
      expect(stepDown.body.code).toBe('self_change');
      expect((await app.request('DELETE', `/api/committees/${id}/members/${first.id}`, firstSession.token)).status).toBe(403);
      expect(await headSeq(id)).toBe(before);

      expect((await put(firstSession.token, id, second.id, 'chair')).status).toBe(201);
      expect((await put(firstSession.token, id, first.id, 'member')).status).toBe(403);
      // Another manager may: the second chair appoints the first a member.
      const secondSession = await loginAs(second.email, 'a long enough password');
      expect((await put(secondSession.token, id, first.id, 'member')).status).toBe(200);
      expect((await put(firstSession.token, id, second.id, 'member')).status).toBe(403);
      expect((await eventsOf(secondSession, id, first.id, before)).map((e) => e.type)).toEqual(['member.updated']);
    });
  });

  it('should refuse two chairs stepping down themselves at once, leaving both chairs', async () => {
    const committee = await app.request<AdminCommittee>('POST', '/api/admin/committees', admin.token, {
      code: 'JK-RACE',
      name: 'Race test',
      nameMs: 'Ujian serentak',
    });
    const id = committee.body.id;
    const chairs = [await aUser(), await aUser()];
    for (const user of chairs) expect((await put(admin.token, id, user.id, 'chair')).status).toBe(201);
    const sessions = await Promise.all(chairs.map((user) => loginAs(user.email, 'a long enough password')));
    const results = await Promise.all(chairs.map((user, index) => put((sessions[index] as Session).token, id, user.id, 'member')));
    expect(results.map((r) => [r.status, r.body.code])).toEqual([
      [403, 'self_change'],
      [403, 'self_change'],
    ]);
    const members = await app.request<Member[]>('GET', `/api/admin/committees/${id}/members`, admin.token);
    expect(members.body.filter((m) => m.role === 'chair')).toHaveLength(2);
  });

  it('should apply concurrent changes of accounts and memberships that share committees, each exactly once', async () => {
    const users = (await app.request<AdminUser[]>('GET', '/api/admin/users', admin.token)).body;
    const versionOf = (email: string) => (users.find((u) => u.email === email) as AdminUser).version;
    const idOf = (email: string) => (users.find((u) => u.email === email) as AdminUser).id;
    const [newcomer, other] = [await aUser(), await aUser()];
    const before = { main: await headSeq(mainId), group: await headSeq(workingGroupId) };
    const results = await Promise.all([
      app.request('PATCH', `/api/admin/users/${idOf('chair@demo.sidang.my')}`, admin.token, {
        version: versionOf('chair@demo.sidang.my'),
        agency: 'MITI-HQ',
      }),
      app.request('PATCH', `/api/admin/users/${idOf('secretariat@demo.sidang.my')}`, admin.token, {
        version: versionOf('secretariat@demo.sidang.my'),
        agency: 'MITI-BIS',
      }),
      put(admin.token, mainId, newcomer.id, 'observer'),
      put(chair.token, workingGroupId, other.id, 'member'),
    ]);
    expect(results.map((r) => r.status)).toEqual([200, 200, 201, 201]);
    const main = (await app.catchUp(chair.token, mainId, before.main)).events;
    const group = (await app.catchUp(chair.token, workingGroupId, before.group)).events;
    expect(main.map((e) => e.seq)).toEqual(main.map((_, i) => before.main + i + 1));
    expect(main.map((e) => [e.type, e.entityId]).sort()).toEqual(
      [
        ['member.updated', idOf('chair@demo.sidang.my')],
        ['member.updated', idOf('secretariat@demo.sidang.my')],
        ['member.created', newcomer.id],
      ].sort(),
    );
    expect(group.map((e) => [e.type, e.entityId]).sort()).toEqual(
      [
        ['member.updated', idOf('chair@demo.sidang.my')],
        ['member.updated', idOf('secretariat@demo.sidang.my')],
        ['member.created', other.id],
      ].sort(),
    );
  });

  it('should describe every administration endpoint in the OpenAPI document', async () => {
    const { body } = await app.request<{ paths: Record<string, Record<string, unknown>> }>('GET', '/api/openapi.json', admin.token);
    expect(Object.keys(body.paths['/api/admin/users'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(body.paths['/api/admin/users/{id}'] ?? {})).toEqual(['patch']);
    expect(Object.keys(body.paths['/api/admin/users/{id}/password'] ?? {})).toEqual(['post']);
    expect(Object.keys(body.paths['/api/admin/committees'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(body.paths['/api/committees/{committeeId}/members/{userId}'] ?? {}).sort()).toEqual(['delete', 'put']);
  });

  it('should never carry a clearance in any event of any committee', async () => {
    for (const committeeId of [mainId, workingGroupId]) {
      const { events } = await app.catchUp(chair.token, committeeId, 0);
      const memberEvents = events.filter((e) => e.type.startsWith('member.'));
      expect(memberEvents.length).toBeGreaterThan(0);
      for (const event of memberEvents) expect(Object.keys(event.data as object)).not.toContain('clearance');
    }
  });
});
