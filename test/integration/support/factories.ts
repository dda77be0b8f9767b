/**
 * Factories: a test builds the world it needs instead of leaning on the demo seed.
 *
 * People, committees and memberships are rows written straight through the app's TypeORM
 * repositories (they are not records of the change pipeline); records are created through the
 * HTTP API, so they travel the same pipeline (transaction, event row, relay) as in production.
 */
import { randomBytes } from 'node:crypto';
import { getDataSourceToken } from '@nestjs/typeorm';
import type {
  ActionItem,
  AgendaItem,
  Agreement,
  Annotation,
  Attendance,
  AttendanceStatus,
  BilateralCommitment,
  BilateralMeeting,
  Classification,
  CreateAgendaItem,
  CreateAgreement,
  CreateAnnotation,
  CreateBilateralCommitment,
  CreateBilateralMeeting,
  CreateDecision,
  CreateDocumentFields,
  CreateMeeting,
  CreateMinutesComment,
  CreateNegotiation,
  CreateNegotiationRound,
  CreateResolution,
  CreateRndMilestone,
  CreateRndProject,
  Decision,
  DeclareInterest,
  DocumentRecord,
  Interest,
  LoginResponse,
  Meeting,
  MinutesComment,
  Negotiation,
  NegotiationRound,
  OpenVote,
  ProgressUpdate,
  RecordLink,
  Resolution,
  RndMilestone,
  RndProject,
  Role,
  Vote,
} from '@sidang/shared';
import type { DataSource } from 'typeorm';
import { CommitteeEntity } from '../../../server/src/access/committee.entity.js';
import { MembershipEntity } from '../../../server/src/access/membership.entity.js';
import { UserEntity } from '../../../server/src/access/user.entity.js';
import { hashPassword } from '../../../server/src/auth/auth.service.js';
import type { Session, TestApp } from './harness.js';

/** Password of every factory-made user. */
export const FACTORY_PASSWORD = 'factory-password';

/** Hashed once per test file: argon2 is deliberately slow. */
let passwordHash: Promise<string> | undefined;

let serial = 0;
/** A short token that makes names, codes and e-mail addresses unique across a run. */
export function unique(prefix: string): string {
  serial += 1;
  return `${prefix}-${serial}-${randomBytes(3).toString('hex')}`;
}

function dataSourceOf(app: TestApp): DataSource {
  return app.app.get<DataSource>(getDataSourceToken());
}

export interface UserOptions {
  clearance?: Classification;
  agency?: string;
  name?: string;
  isAdmin?: boolean;
}

/** A signed-in user: the row and a live access token. */
export interface TestUser extends Session {
  id: string;
  email: string;
  clearance: Classification;
}

/** A user with `clearance` (default OPEN), signed in over the real login endpoint. */
export async function aUser(app: TestApp, options: UserOptions = {}): Promise<TestUser> {
  passwordHash ??= hashPassword(FACTORY_PASSWORD);
  const clearance = options.clearance ?? 'OPEN';
  const email = `${unique(clearance.toLowerCase())}@factory.test`;
  const user = await dataSourceOf(app)
    .getRepository(UserEntity)
    .save({
      email,
      passwordHash: await passwordHash,
      name: options.name ?? `Test user (${clearance})`,
      agency: options.agency ?? 'MITI',
      clearance,
      locale: 'en',
      isAdmin: options.isAdmin ?? false,
    });
  const login = await app.request<LoginResponse>('POST', '/api/auth/login', undefined, { email, password: FACTORY_PASSWORD });
  if (login.status !== 200) throw new Error(`login of ${email} failed: ${login.status} ${JSON.stringify(login.body)}`);
  return { ...login.body, token: login.body.accessToken, id: user.id, email, clearance };
}

export interface CommitteeOptions {
  name?: string;
  parentId?: string | null;
}

/** An empty committee with no members. */
export async function aCommittee(app: TestApp, options: CommitteeOptions = {}): Promise<{ id: string; code: string; name: string }> {
  const code = unique('TC').toUpperCase();
  const name = options.name ?? `Test committee ${code}`;
  const saved = await dataSourceOf(app)
    .getRepository(CommitteeEntity)
    .save({ code, name, nameMs: `Jawatankuasa ujian ${code}`, parentId: options.parentId ?? null });
  return { id: saved.id, code, name };
}

/** Puts `user` in `committee` with `role` (default member). */
export async function aMembership(app: TestApp, committee: { id: string }, user: { id: string }, role: Role = 'member'): Promise<void> {
  await dataSourceOf(app).getRepository(MembershipEntity).save({ committeeId: committee.id, userId: user.id, role });
}

/** An action item created over the API by `author` (a chair or secretariat of the committee). */
export async function anActionItem(
  app: TestApp,
  author: { token: string },
  committee: { id: string },
  fields: Partial<Pick<ActionItem, 'title' | 'description' | 'classification' | 'status' | 'priority' | 'dueDate' | 'ownerIds'>> = {},
): Promise<ActionItem> {
  return app.createItem(author.token, committee.id, { title: unique('Action item'), ...fields });
}

/**
 * Records of the change pipeline, each created over the HTTP API by `author` (a chair or
 * secretariat of the committee unless the test says otherwise) so it travels the same pipeline
 * as in production. Every factory fills what the API requires with a unique value and takes any
 * other field from `fields`; it throws, naming the status and body, unless the API answers 201.
 * A test of a refusal calls the API itself: a factory is for building the world.
 */
async function created<T>(app: TestApp, author: { token: string }, path: string, body: unknown): Promise<T> {
  const result = await app.request<T>('POST', path, author.token, body);
  if (result.status !== 201) throw new Error(`POST ${path} answered ${result.status}: ${JSON.stringify(result.body)}`);
  return result.body;
}

/** A meeting (default: OPEN, scheduled — so every member sees it — in 2031, without the standard opening items). */
export function aMeeting(
  app: TestApp,
  author: { token: string },
  committee: { id: string },
  fields: Partial<CreateMeeting> = {},
): Promise<Meeting> {
  return created(app, author, `/api/committees/${committee.id}/meetings`, {
    title: unique('Meeting'),
    startsAt: '2031-06-01T09:30:00+08:00',
    standardAgenda: false,
    status: 'scheduled',
    ...fields,
  });
}

/** `meeting` moved to in progress by `author` (its chair), as a meeting must be to take decisions; the meeting as it now stands. */
export async function startMeeting(app: TestApp, author: { token: string }, meeting: { id: string }): Promise<Meeting> {
  const current = await app.request<Meeting>('GET', `/api/meetings/${meeting.id}`, author.token);
  const moved = await app.request<Meeting>('PATCH', `/api/meetings/${meeting.id}`, author.token, {
    version: current.body.version,
    status: 'in_progress',
  });
  if (moved.status !== 200) throw new Error(`starting meeting ${meeting.id} answered ${moved.status}: ${JSON.stringify(moved.body)}`);
  return moved.body;
}

/** An agenda item of `meeting` (default: OPEN, last among the top-level items). */
export function anAgendaItem(
  app: TestApp,
  author: { token: string },
  meeting: { id: string },
  fields: Partial<CreateAgendaItem> = {},
): Promise<AgendaItem> {
  return created(app, author, `/api/meetings/${meeting.id}/agenda-items`, { title: unique('Agenda item'), ...fields });
}

/** A decision on `agendaItem` (default level: the item's and its meeting's); its meeting must have started (`startMeeting`). */
export function aDecision(
  app: TestApp,
  author: { token: string },
  agendaItem: { id: string },
  fields: Partial<CreateDecision> = {},
): Promise<Decision> {
  return created(app, author, `/api/agenda-items/${agendaItem.id}/decisions`, { text: unique('Decision'), ...fields });
}

/** A progress update on `item`. */
export function aProgressUpdate(
  app: TestApp,
  author: { token: string },
  item: { id: string },
  body = unique('Progress'),
): Promise<ProgressUpdate> {
  return created(app, author, `/api/action-items/${item.id}/updates`, { body });
}

/** A small but well-formed PDF whose body carries `marker`. */
export function aPdf(marker = 'Kertas kerja'): Buffer {
  return Buffer.concat([
    Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% ${marker}\n`),
    randomBytes(512),
    Buffer.from('\n%%EOF\n'),
  ]);
}

/** A document (default: a small PDF) uploaded to `committee` under `fields.parentId`. */
export async function aDocument(
  app: TestApp,
  author: { token: string },
  committee: { id: string },
  fields: CreateDocumentFields,
  file: { content?: Buffer; name?: string; type?: string } = {},
): Promise<DocumentRecord> {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) if (value !== undefined) form.append(name, String(value));
  form.append(
    'file',
    new Blob([new Uint8Array(file.content ?? aPdf())], { type: file.type ?? 'application/pdf' }),
    file.name ?? 'kertas.pdf',
  );
  const response = await fetch(`${app.url}/api/committees/${committee.id}/documents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${author.token}` },
    body: form,
  });
  const body = (await response.json()) as DocumentRecord;
  if (response.status !== 201) throw new Error(`upload answered ${response.status}: ${JSON.stringify(body)}`);
  return body;
}

/** A comment on a minutes section (or the minutes as a whole). */
export function aMinutesComment(
  app: TestApp,
  author: { token: string },
  minutes: { id: string },
  fields: Partial<CreateMinutesComment> = {},
): Promise<MinutesComment> {
  return created(app, author, `/api/minutes/${minutes.id}/comments`, { body: unique('Comment'), ...fields });
}

/** A negotiation (default: OPEN). */
export function aNegotiation(
  app: TestApp,
  author: { token: string },
  committee: { id: string },
  fields: Partial<CreateNegotiation> = {},
): Promise<Negotiation> {
  return created(app, author, `/api/committees/${committee.id}/negotiations`, { title: unique('Negotiation'), ...fields });
}

/** A round of `negotiation`. */
export function aNegotiationRound(
  app: TestApp,
  author: { token: string },
  negotiation: { id: string },
  fields: Partial<CreateNegotiationRound> = {},
): Promise<NegotiationRound> {
  return created(app, author, `/api/negotiations/${negotiation.id}/rounds`, { venue: unique('Venue'), startsOn: '2026-04-01', ...fields });
}

/** A bilateral meeting (default: with Japan, OPEN). */
export function aBilateralMeeting(
  app: TestApp,
  author: { token: string },
  committee: { id: string },
  fields: Partial<CreateBilateralMeeting> = {},
): Promise<BilateralMeeting> {
  return created(app, author, `/api/committees/${committee.id}/bilateral-meetings`, {
    country: 'JP',
    counterpart: unique('Counterpart'),
    date: '2026-03-02',
    ...fields,
  });
}

/** A commitment made at `meeting` (default: ours). */
export function aBilateralCommitment(
  app: TestApp,
  author: { token: string },
  meeting: { id: string },
  fields: Partial<CreateBilateralCommitment> = {},
): Promise<BilateralCommitment> {
  return created(app, author, `/api/bilateral-meetings/${meeting.id}/commitments`, { side: 'ours', text: unique('Commitment'), ...fields });
}

/** An agreement (default: with the United States, OPEN). */
export function anAgreement(
  app: TestApp,
  author: { token: string },
  committee: { id: string },
  fields: Partial<CreateAgreement> = {},
): Promise<Agreement> {
  return created(app, author, `/api/committees/${committee.id}/agreements`, { title: unique('Agreement'), country: 'US', ...fields });
}

/** An R&D project (default: OPEN, TRL 3). */
export function anRndProject(
  app: TestApp,
  author: { token: string },
  committee: { id: string },
  fields: Partial<CreateRndProject> = {},
): Promise<RndProject> {
  return created(app, author, `/api/committees/${committee.id}/rnd-projects`, { title: unique('R&D project'), trlNow: 3, ...fields });
}

/** A milestone of `project`. */
export function anRndMilestone(
  app: TestApp,
  author: { token: string },
  project: { id: string },
  fields: Partial<CreateRndMilestone> = {},
): Promise<RndMilestone> {
  return created(app, author, `/api/rnd-projects/${project.id}/milestones`, {
    title: unique('Milestone'),
    plannedOn: '2026-06-30',
    ...fields,
  });
}

/** A link between two records. */
export function aLink(app: TestApp, author: { token: string }, from: { id: string }, to: { id: string }): Promise<RecordLink> {
  return created(app, author, '/api/links', { fromId: from.id, toId: to.id });
}

/** `user`'s attendance at `meeting` set to `status` (default present) by `author` (its chair or secretariat); the attendance as it now stands. */
export async function anAttendance(
  app: TestApp,
  author: { token: string },
  meeting: { id: string },
  user: { id: string },
  status: AttendanceStatus = 'present',
): Promise<Attendance> {
  const path = `/api/meetings/${meeting.id}/attendance/${user.id}`;
  const result = await app.request<Attendance>('PUT', path, author.token, { status });
  if (result.status !== 200) throw new Error(`PUT ${path} answered ${result.status}: ${JSON.stringify(result.body)}`);
  return result.body;
}

/** A vote on `agendaItem` opened by `author` (the chair; the meeting in progress); default: a named for / against / abstain. */
export function aVote(app: TestApp, author: { token: string }, agendaItem: { id: string }, fields: Partial<OpenVote> = {}): Promise<Vote> {
  return created(app, author, `/api/agenda-items/${agendaItem.id}/votes`, { question: unique('Question'), ...fields });
}

/** `author`'s own declaration of interest in an agenda item or a resolution (default: does not step out). */
export function anInterest(
  app: TestApp,
  author: { token: string },
  subject: { id: string; type?: 'agenda-item' | 'resolution' },
  fields: Partial<DeclareInterest> = {},
): Promise<Interest> {
  const collection = subject.type === 'resolution' ? 'resolutions' : 'agenda-items';
  return created(app, author, `/api/${collection}/${subject.id}/interests`, { nature: unique('Interest'), stepsOut: false, ...fields });
}

/** A resolution by circulation (default: OPEN, closing in two hours) circulated by `author` (the secretariat). */
export function aResolution(
  app: TestApp,
  author: { token: string },
  committee: { id: string },
  fields: Partial<CreateResolution> = {},
): Promise<Resolution> {
  return created(app, author, `/api/committees/${committee.id}/resolutions`, {
    title: unique('Resolution'),
    text: unique('Resolution text'),
    closesAt: new Date(Date.now() + 2 * 3600_000).toISOString(),
    ...fields,
  });
}

/** A note on page 1 of `document` (default: private to its author). */
export function anAnnotation(
  app: TestApp,
  author: { token: string },
  document: { id: string },
  fields: Partial<CreateAnnotation> = {},
): Promise<Annotation> {
  return created(app, author, `/api/documents/${document.id}/annotations`, { page: 1, text: unique('Note'), ...fields });
}
