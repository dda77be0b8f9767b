import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { ActionItemStatus, Classification, Priority, Role } from '@sidang/shared';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { CommitteeEntity } from '../access/committee.entity.js';
import { MembershipEntity } from '../access/membership.entity.js';
import { UserEntity } from '../access/user.entity.js';
import { hashPassword, toActor } from '../auth/auth.service.js';
import { ActionItemsService } from '../modules/action-items/action-items.service.js';
import { seedDemoMeetings } from './demo-meetings.js';
import { seedDemoMinutes } from './demo-minutes.js';
import { seedDemoRegisters } from './demo-registers.js';

const SEED_LOCK_KEY = 7_301_2026;
const DAY = 24 * 3600 * 1000;

/** Illustrative accounts: roles and agencies only, no real people. */
const USERS = [
  { key: 'chair', email: 'chair@demo.sidang.my', name: 'Pengerusi (Timbalan Ketua Setiausaha, MITI)', agency: 'MITI', clearance: 'SECRET' },
  {
    key: 'secretariat',
    email: 'secretariat@demo.sidang.my',
    name: 'Urus Setia (Bahagian Industri, MITI)',
    agency: 'MITI',
    clearance: 'SECRET',
  },
  { key: 'member', email: 'member@demo.sidang.my', name: 'Pegawai Geologi (JMG)', agency: 'JMG', clearance: 'CONFIDENTIAL' },
  { key: 'observer', email: 'observer@demo.sidang.my', name: 'Pemerhati Industri (SIRIM)', agency: 'SIRIM', clearance: 'OPEN' },
  { key: 'nres', email: 'nres@demo.sidang.my', name: 'Pegawai Dasar Mineral (NRES)', agency: 'NRES', clearance: 'RESTRICTED' },
  { key: 'mida', email: 'mida@demo.sidang.my', name: 'Pegawai Pelaburan (MIDA)', agency: 'MIDA', clearance: 'CONFIDENTIAL' },
  { key: 'mosti', email: 'mosti@demo.sidang.my', name: 'Pegawai Penyelidikan (MOSTI)', agency: 'MOSTI', clearance: 'CONFIDENTIAL' },
  /** Manages accounts, committees and memberships; holds no committee role and sees no record. */
  { key: 'admin', email: 'admin@demo.sidang.my', name: 'Pentadbir Sistem (MITI)', agency: 'MITI', clearance: 'OPEN' },
] as const satisfies ReadonlyArray<{ key: string; email: string; name: string; agency: string; clearance: Classification }>;
type UserKey = (typeof USERS)[number]['key'];

const MAIN_MEMBERS: Array<[UserKey, Role]> = [
  ['chair', 'chair'],
  ['secretariat', 'secretariat'],
  ['member', 'member'],
  ['observer', 'observer'],
  ['nres', 'member'],
  ['mida', 'member'],
  ['mosti', 'member'],
];
/** The R&D working group: the demo member and observer are not in it. */
const WORKING_GROUP_MEMBERS: Array<[UserKey, Role]> = [
  ['chair', 'chair'],
  ['secretariat', 'secretariat'],
  ['mosti', 'member'],
];

interface DemoItem {
  title: string;
  description: string;
  status: ActionItemStatus;
  priority: Priority;
  dueInDays: number | null;
  agencies: string[];
  owners: UserKey[];
  classification: Classification;
  /** A description classified above the item (field-level need-to-know). */
  descriptionLevel?: Classification;
  updates?: Array<[UserKey, string]>;
}

const ITEMS: DemoItem[] = [
  {
    title: 'Validate the 16.1 Mt inferred non-radioactive REE resource by state',
    description:
      'The 2019 preliminary estimate (Terengganu 7.19 M t REO, Kelantan 2.56 M, Perak 1.69 M, Kedah 1.26 M, Pahang 1.25 M) is a resource, not a reserve. Propose the drilling and assay programme needed to validate it.',
    status: 'in_progress',
    priority: 'high',
    dueInDays: 30,
    agencies: ['JMG'],
    owners: ['member'],
    classification: 'RESTRICTED',
    updates: [['member', 'Assay programme for Kelantan and Terengganu drafted; awaiting state consent for two sites.']],
  },
  {
    title: 'Brief the committee on enforcement of the raw REE export moratorium (2025–2027)',
    description: 'Status of enforcement since 1 January 2024 and of the renewal for 2025–2027; cases referred, if any.',
    status: 'open',
    priority: 'high',
    dueInDays: -5,
    agencies: ['MITI', 'NRES'],
    owners: ['nres'],
    classification: 'OPEN',
  },
  {
    title: 'Report pilot in-situ leaching output at Hulu Perak',
    description: 'Monthly rare earth carbonate output, recovery rate and environmental monitoring results of the pilot mine.',
    status: 'in_progress',
    priority: 'medium',
    dueInDays: -12,
    agencies: ['JMG', 'Kerajaan Negeri Perak'],
    owners: ['member'],
    classification: 'RESTRICTED',
    updates: [['member', 'Data for July–September received from the operator; October pending.']],
  },
  {
    title: 'Prepare an incentive package for a 3,000 t/yr NdFeB magnet plant',
    description: 'Options for the planned magnet plant with a Korean partner at Gebeng, Kuantan: tax incentives, land, utilities.',
    status: 'open',
    priority: 'high',
    dueInDays: 21,
    agencies: ['MIDA'],
    owners: ['mida'],
    // The plant is known to agencies; the incentive options are not.
    classification: 'RESTRICTED',
    descriptionLevel: 'CONFIDENTIAL',
  },
  {
    title: 'Draft our position on the raw materials chapter of the EU FTA',
    description: 'Fallback positions on export restrictions and local processing requirements for the next round.',
    status: 'in_progress',
    priority: 'high',
    dueInDays: 14,
    agencies: ['MITI'],
    owners: ['secretariat'],
    classification: 'SECRET',
  },
  {
    title: 'Agree the JICA technical cooperation work plan with JMG',
    description: 'Scope, milestones and counterpart staffing for the JICA cooperation on resource assessment.',
    status: 'done',
    priority: 'medium',
    dueInDays: -20,
    agencies: ['JMG'],
    owners: ['member'],
    classification: 'OPEN',
  },
  {
    title: 'Licensing timeline for the carbonate purification pilot',
    description: 'Atom Malaysia to confirm the licensing steps and the expected timeline for the NdPr solvent-extraction pilot.',
    status: 'blocked',
    priority: 'high',
    dueInDays: -3,
    agencies: ['Atom Malaysia'],
    owners: [],
    classification: 'RESTRICTED',
    updates: [['secretariat', 'Blocked until the radiological impact assessment is submitted by the proponent.']],
  },
  {
    title: 'Map each value chain stage to its segment (metal making)',
    description:
      'Sources disagree whether metal and alloy making is mid-level or downstream; propose a mapping for the committee to adopt.',
    status: 'open',
    priority: 'low',
    dueInDays: 45,
    agencies: ['MIGHT'],
    owners: [],
    classification: 'OPEN',
  },
  {
    title: 'Summarise obligations under the US critical minerals MoU (Oct 2025)',
    description: 'One-page summary for agencies of the commitments and reporting duties.',
    status: 'done',
    priority: 'medium',
    dueInDays: -30,
    agencies: ['MITI'],
    owners: ['secretariat'],
    classification: 'CONFIDENTIAL',
  },
  {
    title: 'Assess the processing technology offer from China',
    description: 'Technology transfer terms, ownership of know-how and safeguards.',
    status: 'open',
    priority: 'high',
    dueInDays: -1,
    agencies: ['MITI', 'MOSTI'],
    owners: ['mosti'],
    classification: 'SECRET',
  },
  {
    title: 'Update the TRL of the NdPr solvent-extraction pilot (TRL 4 → 6)',
    description: 'Evidence for pilot-scale validation and the remaining gaps.',
    status: 'in_progress',
    priority: 'medium',
    dueInDays: 7,
    agencies: ['MOSTI', 'UKM'],
    owners: ['mosti'],
    classification: 'OPEN',
  },
  {
    title: 'Identify state land for a magnet recycling pilot',
    description: 'Candidate sites in Kedah and Pahang; superseded by the industrial park proposal.',
    status: 'cancelled',
    priority: 'low',
    dueInDays: null,
    agencies: ['Kerajaan Negeri Kedah', 'Kerajaan Negeri Pahang'],
    owners: [],
    classification: 'OPEN',
  },
  {
    title: 'Collect follow-up actions from the Korea critical minerals pact',
    description: 'List agency actions agreed at the senior officials meeting.',
    status: 'open',
    priority: 'medium',
    dueInDays: 3,
    agencies: ['MITI'],
    owners: ['secretariat'],
    classification: 'RESTRICTED',
  },
  {
    title: 'Paper on dysprosium oxide output at Gebeng for the next meeting',
    description: 'First dysprosium oxide was produced in May 2025; paper on volumes and downstream users.',
    status: 'open',
    priority: 'medium',
    dueInDays: 5,
    agencies: ['MIDA', 'NRES'],
    owners: ['mida', 'nres'],
    classification: 'OPEN',
  },
];

function isoDate(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * DAY).toISOString().slice(0, 10);
}

/**
 * Seeds the demo committee on an empty database. Records go through the change pipeline, so
 * the demo log, audit trail and seqs look like real use.
 *
 * One transaction claims the empty database and writes the people, committees and
 * memberships; its advisory lock (held until commit) makes a second instance starting at the
 * same time wait and then find the users. Everything in it runs on the transaction's own
 * connection — on the embedded store it is the only one. The records follow, each through the
 * pipeline in its own transaction, by the instance that made the claim.
 */
export async function seedDemo(app: INestApplication, password: string, logger: Logger): Promise<void> {
  const dataSource = app.get<DataSource>(getDataSourceToken());
  if ((await dataSource.getRepository(UserEntity).count()) > 0) return;
  // Hashed before the transaction: it is slow and needs no connection.
  const passwordHash = await hashPassword(password);
  const claimed = await dataSource.transaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [SEED_LOCK_KEY]);
    if ((await manager.getRepository(UserEntity).count()) > 0) return null;
    const users = new Map<UserKey, UserEntity>();
    for (const { key, ...user } of USERS) {
      users.set(key, await manager.getRepository(UserEntity).save({ ...user, passwordHash, locale: 'en', isAdmin: key === 'admin' }));
    }
    const committees = manager.getRepository(CommitteeEntity);
    const main = await committees.save({
      code: 'JTK-REE',
      parentId: null,
      name: 'Technical Committee on the Mid-level and Downstream REE Industry',
      nameMs: 'Jawatankuasa Teknikal Pembangunan Industri REE Peringkat Pertengahan dan Hiliran',
    });
    const workingGroup = await committees.save({
      code: 'KK-RND-REE',
      parentId: main.id,
      name: 'Working Group on REE Processing R&D',
      nameMs: 'Kumpulan Kerja R&D Pemprosesan REE',
    });
    const memberships = manager.getRepository(MembershipEntity);
    for (const [committee, members] of [
      [main, MAIN_MEMBERS],
      [workingGroup, WORKING_GROUP_MEMBERS],
    ] as const) {
      await memberships.save(
        members.map(([key, role]) => ({ committeeId: committee.id, userId: (users.get(key) as UserEntity).id, role })),
      );
    }
    return { users, main, workingGroup };
  });
  if (!claimed) return;
  const { users, main, workingGroup } = claimed;
  const userOf = (key: UserKey) => users.get(key) as UserEntity;

  const actionItems = app.get(ActionItemsService);
  const secretariat = toActor(userOf('secretariat'));
  for (const item of ITEMS) {
    const created = await actionItems.create(secretariat, main.id, {
      title: item.title,
      description: item.description,
      status: item.status,
      priority: item.priority,
      dueDate: item.dueInDays === null ? null : isoDate(item.dueInDays),
      ownerIds: item.owners.map((key) => userOf(key).id),
      ownerAgencies: item.agencies,
      classification: item.classification,
      fieldClassifications: item.descriptionLevel ? { description: item.descriptionLevel } : {},
      meetingId: null,
      agendaItemId: null,
    });
    for (const [author, body] of item.updates ?? []) {
      await actionItems.addUpdate(toActor(userOf(author)), created.id, body);
    }
  }
  await actionItems.create(secretariat, workingGroup.id, {
    title: 'Shortlist universities for the Dy/Tb separation project (TRL 3 → 5)',
    description: 'UMPSA, USM and UKM proposals to be scored against the call criteria.',
    status: 'open',
    priority: 'medium',
    dueDate: isoDate(10),
    ownerIds: [userOf('mosti').id],
    ownerAgencies: ['MOSTI'],
    classification: 'RESTRICTED',
    fieldClassifications: {},
    meetingId: null,
    agendaItemId: null,
  });
  await seedDemoMeetings(
    app,
    { main: main.id, workingGroup: workingGroup.id },
    {
      chair: toActor(userOf('chair')),
      secretariat,
      presentIds: (['chair', 'secretariat', 'member', 'nres', 'mosti'] as const).map((key) => userOf(key).id),
      apologiesIds: [userOf('mida').id],
      owners: { jmg: userOf('member').id, mida: userOf('mida').id },
    },
  );
  await seedDemoRegisters(app, main.id, { secretariat });
  await seedDemoMinutes(app, main.id, { chair: toActor(userOf('chair')), secretariat });
  logger.info({ committees: 2, actionItems: ITEMS.length + 4, meetings: 3 }, 'Seeded the demo committee');
}
