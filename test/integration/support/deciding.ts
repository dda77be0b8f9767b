/**
 * The world the deciding suites (votes, stepping out, resolutions) share: a committee of their
 * own with its people, sockets subscribed to it, and a meeting in progress with people present.
 */
import type { AgendaItem, Classification, CreateAgendaItem, Meeting, Role } from '@sidang/shared';
import { aCommittee, aMeeting, aMembership, anAgendaItem, anAttendance, aUser, startMeeting, type TestUser } from './factories.js';
import type { LiveClient, TestApp } from './harness.js';

/** One person of a committee: their clearance, role and display name. */
export interface PersonSpec {
  clearance: Classification;
  role: Role;
  name: string;
}

/**
 * A new committee and its people, each signed in and made a member with their role (one sign-in
 * at a time: the sign-in throttle answers busy to many at once): `people` under the keys of
 * `specs`, then `members.count` members cleared for `members.clearance`, named "Member 1" on.
 */
export async function aCommitteeOf<K extends string>(
  app: TestApp,
  specs: Record<K, PersonSpec>,
  members: { count: number; clearance: Classification } = { count: 0, clearance: 'OPEN' },
): Promise<{ committee: { id: string }; people: Record<K, TestUser>; members: TestUser[] }> {
  const committee = await aCommittee(app);
  const people = {} as Record<K, TestUser>;
  const entries = Object.entries(specs) as Array<[K, PersonSpec]>;
  for (const [key, spec] of entries) people[key] = await aUser(app, { clearance: spec.clearance, name: spec.name });
  const made: TestUser[] = [];
  for (let n = 1; n <= members.count; n += 1) made.push(await aUser(app, { clearance: members.clearance, name: `Member ${n}` }));
  for (const [key, spec] of entries) await aMembership(app, committee, people[key], spec.role);
  for (const member of made) await aMembership(app, committee, member, 'member');
  return { committee, people, members: made };
}

/** A socket of `user`'s subscribed to `committee`'s events (fails unless the subscription is acknowledged). */
export async function subscribedClient(app: TestApp, user: TestUser, committee: { id: string }): Promise<LiveClient> {
  const client = await app.connect(user.token);
  const ack = await client.subscribe(committee.id);
  if (!ack.ok) throw new Error(`subscription of ${user.email} refused: ${JSON.stringify(ack)}`);
  return client;
}

/**
 * A meeting of `committee` made by `chair` with one agenda item per entry of `items`, moved to in
 * progress, with everyone in `present` marked present; the meeting as it then stands.
 */
export async function aRunningMeeting(
  app: TestApp,
  chair: TestUser,
  committee: { id: string },
  present: readonly TestUser[],
  items: ReadonlyArray<Partial<CreateAgendaItem>> = [{}],
): Promise<{ meeting: Meeting; items: AgendaItem[] }> {
  const meeting = await aMeeting(app, chair, committee);
  const made: AgendaItem[] = [];
  for (const fields of items) made.push(await anAgendaItem(app, chair, meeting, fields));
  const started = await startMeeting(app, chair, meeting);
  for (const user of present) await anAttendance(app, chair, started, user);
  return { meeting: started, items: made };
}
