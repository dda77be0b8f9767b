import type { INestApplication } from '@nestjs/common';
import type { Actor } from '../access/actor.js';
import { AGREEMENTS, BILATERAL_COMMITMENTS, BILATERAL_MEETINGS } from '../modules/registers/bilateral/bilateral.register.js';
import { RegisterRecords } from '../modules/registers/common/register-records.js';
import { NEGOTIATION_ROUNDS, NEGOTIATIONS } from '../modules/registers/negotiations/negotiations.register.js';
import { RND_MILESTONES, RND_PROJECTS } from '../modules/registers/rnd/rnd.register.js';

const DAY = 24 * 3600 * 1000;

function isoDate(days: number): string {
  return new Date(Date.now() + 8 * 3600 * 1000 + days * DAY).toISOString().slice(0, 10);
}

type Level = 'ministerial' | 'senior_officials' | 'technical';
type Classification = 'OPEN' | 'RESTRICTED' | 'CONFIDENTIAL' | 'SECRET';

interface DemoEngagement {
  country: string;
  counterpart: string;
  level: Level;
  inDays: number;
  place: string;
  ourDelegation: string;
  objectives: string;
  outcomes: string;
  classification: Classification;
  outcomesLevel?: Classification;
  commitments: Array<{ side: 'ours' | 'theirs'; text: string; dueInDays: number | null; status: 'open' | 'done' }>;
  agreement?: {
    kind: 'MoU' | 'LoI' | 'other';
    title: string;
    status: 'drafting' | 'under_negotiation' | 'signed' | 'lapsed';
    signedInDays?: number;
  };
}

/** Partners from public reporting (DOMAIN.md); people are named by role and agency only. */
const ENGAGEMENTS: DemoEngagement[] = [
  {
    country: 'US',
    counterpart: 'US Department of State, Bureau of Energy Resources',
    level: 'ministerial',
    inDays: -40,
    place: 'Kuala Lumpur',
    ourDelegation: 'MITI (Minister, Secretary-General), NRES, MIDA',
    objectives: 'Sign the critical minerals MoU and agree the first areas of cooperation.',
    outcomes: 'MoU signed; a joint working group to meet within six months.',
    classification: 'RESTRICTED',
    commitments: [
      { side: 'ours', text: 'Nominate the Malaysian members of the joint working group', dueInDays: 14, status: 'open' },
      { side: 'theirs', text: 'Share the list of US offtakers interested in separated oxides', dueInDays: 30, status: 'open' },
    ],
    agreement: { kind: 'MoU', title: 'Malaysia–US MoU on critical minerals supply chains', status: 'signed', signedInDays: -40 },
  },
  {
    country: 'JP',
    counterpart: 'JICA',
    level: 'technical',
    inDays: -21,
    place: 'JMG headquarters, Ipoh',
    ourDelegation: 'JMG (Director of Minerals), NRES',
    objectives: 'Scope the technical cooperation with JMG on validating the non-radioactive REE resource (16.1 Mt inferred).',
    outcomes: 'Work plan agreed for the Perak and Kedah pilot areas; JICA experts to arrive next quarter.',
    classification: 'OPEN',
    commitments: [
      { side: 'theirs', text: 'Field two JICA resource-assessment experts to JMG', dueInDays: 60, status: 'open' },
      { side: 'ours', text: 'Provide JMG drilling data for the pilot areas', dueInDays: -5, status: 'done' },
    ],
    agreement: { kind: 'other', title: 'JICA–JMG record of discussions on REE resource assessment', status: 'signed', signedInDays: -21 },
  },
  {
    country: 'KR',
    counterpart: 'Ministry of Trade, Industry and Energy',
    level: 'senior_officials',
    inDays: -12,
    place: 'Seoul',
    ourDelegation: 'MITI (Deputy Secretary-General, Industry), MIDA',
    objectives: 'Follow up the critical minerals pact and the planned NdFeB magnet plant at Gebeng.',
    outcomes: 'Partner to confirm the investment timeline; incentive package under discussion.',
    classification: 'CONFIDENTIAL',
    outcomesLevel: 'SECRET',
    commitments: [
      { side: 'ours', text: 'MIDA to table the incentive options for the 3,000 t/yr magnet plant', dueInDays: 21, status: 'open' },
      { side: 'theirs', text: 'Confirm the investment decision window', dueInDays: 45, status: 'open' },
    ],
    agreement: { kind: 'MoU', title: 'Malaysia–Korea critical minerals supply chain partnership', status: 'signed', signedInDays: -200 },
  },
  {
    country: 'CN',
    counterpart: 'Ministry of Industry and Information Technology',
    level: 'senior_officials',
    inDays: -70,
    place: 'Beijing',
    ourDelegation: 'MITI, NRES, MOSTI',
    objectives: 'Hear the offer of processing technology and its conditions.',
    outcomes: 'Offer noted; technical assessment by MOSTI and Nuclear Malaysia before any reply.',
    classification: 'CONFIDENTIAL',
    commitments: [{ side: 'ours', text: 'Technical assessment of the processing technology offer', dueInDays: 10, status: 'open' }],
    agreement: { kind: 'LoI', title: 'Letter of intent on REE processing technology cooperation', status: 'under_negotiation' },
  },
  {
    country: 'EU',
    counterpart: 'European Commission, DG Trade',
    level: 'technical',
    inDays: -35,
    place: 'Brussels (hybrid)',
    ourDelegation: 'MITI (FTA negotiating team), NRES',
    objectives: 'Technical exchange on the raw materials chapter ahead of the next FTA round.',
    outcomes: 'Both sides tabled text; export restrictions remain the open issue.',
    classification: 'RESTRICTED',
    commitments: [{ side: 'theirs', text: 'Send the consolidated text of the raw materials chapter', dueInDays: 7, status: 'open' }],
  },
  {
    country: 'AU',
    counterpart: 'Department of Industry, Science and Resources',
    level: 'technical',
    inDays: 18,
    place: 'Canberra (video conference)',
    ourDelegation: 'MITI, MOSTI',
    objectives: 'Explore joint R&D on separation and on magnet recycling.',
    outcomes: '',
    classification: 'OPEN',
    commitments: [],
  },
];

interface DemoProject {
  title: string;
  leadInstitution: string;
  partners: string[];
  fundingRm: number;
  stage: string;
  trlNow: number;
  trlTarget: number;
  classification: Classification;
  milestones: Array<{
    title: string;
    gateCriteria: string;
    plannedInDays: number;
    actualInDays?: number;
    status: 'planned' | 'in_progress' | 'done';
  }>;
}

/** The six illustrative R&D projects of DOMAIN.md (institutions are real, the projects are not). */
const PROJECTS: DemoProject[] = [
  {
    title: 'In-situ leaching optimisation (illustrative)',
    leadInstitution: 'JMG',
    partners: ['UKM', 'Perak state government'],
    fundingRm: 4_500_000,
    stage: 'mining',
    trlNow: 5,
    trlTarget: 7,
    classification: 'RESTRICTED',
    milestones: [
      {
        title: 'Leachant recovery above 85 % at the Hulu Perak pilot',
        gateCriteria: 'Three consecutive months of monitoring data',
        plannedInDays: -60,
        actualInDays: -62,
        status: 'done',
      },
      { title: 'Full-scale prototype block', gateCriteria: 'TRL 7 review by MOSTI panel', plannedInDays: 240, status: 'planned' },
    ],
  },
  {
    title: 'Carbonate purification and NdPr solvent-extraction pilot (illustrative)',
    leadInstitution: 'Nuclear Malaysia',
    partners: ['SIRIM', 'UMPSA'],
    fundingRm: 12_000_000,
    stage: 'separation',
    trlNow: 4,
    trlTarget: 6,
    classification: 'RESTRICTED',
    milestones: [
      { title: 'Atom Malaysia licence for the pilot plant', gateCriteria: 'Licence issued', plannedInDays: -30, status: 'in_progress' },
      { title: 'Pilot-scale NdPr oxide at 99.5 %', gateCriteria: 'Assay by SIRIM', plannedInDays: 150, status: 'planned' },
    ],
  },
  {
    title: 'Dy/Tb separation (illustrative)',
    leadInstitution: 'USM',
    partners: ['UMPSA'],
    fundingRm: 3_200_000,
    stage: 'separation',
    trlNow: 3,
    trlTarget: 5,
    classification: 'OPEN',
    milestones: [
      { title: 'Laboratory separation factor above 2.0', gateCriteria: 'Peer-reviewed method', plannedInDays: 90, status: 'in_progress' },
    ],
  },
  {
    title: 'NdPr molten-salt electrolysis (illustrative)',
    leadInstitution: 'SIRIM',
    partners: ['MIGHT'],
    fundingRm: 6_800_000,
    stage: 'metal_alloy',
    trlNow: 3,
    trlTarget: 5,
    classification: 'RESTRICTED',
    milestones: [
      {
        title: 'Bench cell of 1 kA running 100 h',
        gateCriteria: 'Current efficiency above 75 %',
        plannedInDays: -20,
        actualInDays: -22,
        status: 'done',
      },
    ],
  },
  {
    title: 'Low-Dy sintered NdFeB magnet (illustrative)',
    leadInstitution: 'UMPSA',
    partners: ['MIDA', 'Korean magnet partner'],
    fundingRm: 9_000_000,
    stage: 'magnets',
    trlNow: 4,
    trlTarget: 6,
    classification: 'CONFIDENTIAL',
    milestones: [
      { title: 'Grain-boundary diffusion samples at N45SH', gateCriteria: 'Coercivity test report', plannedInDays: 60, status: 'planned' },
    ],
  },
  {
    title: 'Magnet recycling (illustrative)',
    leadInstitution: 'UKM',
    partners: [],
    fundingRm: 1_500_000,
    stage: 'recycling',
    trlNow: 2,
    trlTarget: 4,
    classification: 'OPEN',
    milestones: [{ title: 'Hydrogen decrepitation trial', gateCriteria: 'Recovery above 90 %', plannedInDays: 120, status: 'planned' }],
  },
];

/**
 * The registers of the demo committee, written through the same services as the app: partners'
 * bilateral meetings with commitments and agreements, the EU FTA raw-materials negotiation
 * (CONFIDENTIAL, its red lines and fallback SECRET) with rounds, and the six R&D projects with
 * milestones — one of them slipping (its licence milestone is overdue).
 */
export async function seedDemoRegisters(app: INestApplication, committeeId: string, people: { secretariat: Actor }): Promise<void> {
  const registers = app.get(RegisterRecords);
  const meetings = BILATERAL_MEETINGS.records(registers);
  const commitments = BILATERAL_COMMITMENTS.records(registers);
  const agreements = AGREEMENTS.records(registers);
  const negotiations = NEGOTIATIONS.records(registers);
  const rounds = NEGOTIATION_ROUNDS.records(registers);
  const projects = RND_PROJECTS.records(registers);
  const milestones = RND_MILESTONES.records(registers);
  const { secretariat } = people;

  for (const engagement of ENGAGEMENTS) {
    const meeting = await meetings.create(secretariat, committeeId, {
      country: engagement.country,
      counterpart: engagement.counterpart,
      level: engagement.level,
      date: isoDate(engagement.inDays),
      place: engagement.place,
      ourDelegation: engagement.ourDelegation,
      objectives: engagement.objectives,
      outcomes: engagement.outcomes,
      classification: engagement.classification,
      fieldClassifications: engagement.outcomesLevel ? { outcomes: engagement.outcomesLevel } : {},
    });
    for (const commitment of engagement.commitments) {
      await commitments.add(secretariat, meeting.id, {
        side: commitment.side,
        text: commitment.text,
        dueDate: commitment.dueInDays === null ? null : isoDate(commitment.dueInDays),
        status: commitment.status,
      });
    }
    if (engagement.agreement) {
      const { signedInDays, ...agreement } = engagement.agreement;
      await agreements.create(secretariat, committeeId, {
        ...agreement,
        country: engagement.country,
        signedOn: signedInDays === undefined ? null : isoDate(signedInDays),
        expiresOn: signedInDays === undefined ? null : isoDate(signedInDays + 5 * 365),
        bilateralMeetingId: signedInDays === engagement.inDays ? meeting.id : null,
        classification: engagement.classification,
      });
    }
  }

  const fta = await negotiations.create(secretariat, committeeId, {
    title: 'Malaysia–EU FTA: raw materials chapter',
    counterpart: 'European Commission, DG Trade',
    kind: 'fta_chapter',
    status: 'in_progress',
    position: 'Keep the moratorium on raw REE exports (2025–2027) and secure local processing commitments.',
    redLines: 'No commitment that would oblige Malaysia to lift the raw REE export moratorium before 2028.',
    fallback: 'Accept a review clause in 2027 tied to domestic separation capacity.',
    concessions: 'Tariff reductions on processing equipment.',
    classification: 'CONFIDENTIAL',
    fieldClassifications: { redLines: 'SECRET', fallback: 'SECRET' },
  });
  for (const [number, startsIn, venue, outcome, nextSteps] of [
    [1, -300, 'Brussels', 'Scope of the chapter agreed.', 'Each side to table text.'],
    [2, -120, 'Kuala Lumpur', 'Texts exchanged; export restrictions bracketed.', 'Intersessional call on export restrictions.'],
    [3, 40, 'Brussels', '', 'Prepare the negotiating brief.'],
  ] as const) {
    await rounds.add(secretariat, fta.id, {
      number,
      startsOn: isoDate(startsIn),
      endsOn: isoDate(startsIn + 4),
      venue,
      outcome,
      nextSteps,
    });
  }
  await negotiations.create(secretariat, committeeId, {
    title: 'Magnet plant investment agreement (Gebeng)',
    counterpart: 'Korean magnet manufacturer',
    kind: 'investment',
    status: 'preparing',
    position: 'Incentives tied to local sourcing of separated oxides.',
    redLines: '',
    fallback: '',
    concessions: '',
    classification: 'CONFIDENTIAL',
    fieldClassifications: {},
  });

  for (const project of PROJECTS) {
    const created = await projects.create(secretariat, committeeId, {
      title: project.title,
      leadInstitution: project.leadInstitution,
      partners: project.partners,
      fundingRm: project.fundingRm,
      valueChainStage: project.stage,
      trlNow: project.trlNow,
      trlTarget: project.trlTarget,
      notes: '',
      classification: project.classification,
      fieldClassifications: {},
    });
    for (const milestone of project.milestones) {
      await milestones.add(secretariat, created.id, {
        title: milestone.title,
        gateCriteria: milestone.gateCriteria,
        plannedOn: isoDate(milestone.plannedInDays),
        actualOn: milestone.actualInDays === undefined ? null : isoDate(milestone.actualInDays),
        status: milestone.status,
      });
    }
  }
}
