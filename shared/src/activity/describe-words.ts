// Zod-free: the words of the activity sentences (re-exported by `@sidang/shared/constants`).
import type { EntityType } from '../records/record-types.js';

/** One text in each language: English, Bahasa Malaysia (terms from the committee glossary). */
export type Words = readonly [en: string, ms: string];

/** How a field's values read. */
export type ValueKind =
  | 'text'
  | 'number'
  | 'money'
  | 'date'
  | 'datetime'
  | 'boolean'
  | 'list'
  /** A user id or a list of them: read through the names the entry carries, never shown raw. */
  | 'people'
  /** A record id: read through the names the entry carries, never shown raw. */
  | 'record'
  /** `{ field: level }`: "Description: Confidential". */
  | 'levels'
  | 'quorum-rule'
  | 'action-line'
  | 'attendees'
  /** A meeting's guests: their names (and agencies). */
  | 'guests';

export interface FieldWords {
  label: Words;
  kind?: ValueKind;
  /** Enum values by their wire value. */
  values?: Readonly<Record<string, Words>>;
}

/**
 * A change's verb phrase; `{record}` stands for the record's name ("the action “Validate the
 * resource estimate”", "minit Bil. 3/2026").
 */
export type VerbWords = Words;

export interface TypeWords {
  /** How the record is named before its title: "the action", "tindakan". */
  noun: Words;
  /** Named by the record that governs it when it has no title of its own: "the minutes of {parent}". */
  ofParent?: Words;
  /** Verb phrases that differ from the general ones. */
  verbs?: Partial<Record<DescribedVerb, VerbWords>>;
  /** A change of this field to one of these values has its own verb ("circulated {record}"). */
  transitions?: { field: string; to: Readonly<Record<string, VerbWords>> };
  /** Its fields, beside the ones every record has (COMMON_FIELDS). */
  fields: Readonly<Record<string, FieldWords>>;
  /** Fields that move with every change or are derived from others: no line of their own. */
  quiet?: readonly string[];
}

/** The verbs the change pipeline logs (server/src/changes/change-tx.ts `ChangeVerb`). */
export const DESCRIBED_VERBS = ['created', 'updated', 'moved', 'current-item-changed', 'opened', 'tallied', 'closed', 'deleted'] as const;
export type DescribedVerb = (typeof DESCRIBED_VERBS)[number];

export const GENERAL_VERBS: Readonly<Record<DescribedVerb, VerbWords>> = {
  created: ['created {record}', 'mencipta {record}'],
  updated: ['changed {record}', 'mengubah {record}'],
  moved: ['moved {record}', 'mengalihkan {record}'],
  'current-item-changed': ['changed the current item of {record}', 'menukar perkara semasa {record}'],
  opened: ['opened {record}', 'membuka {record}'],
  tallied: ['voted in {record}', 'mengundi dalam {record}'],
  closed: ['closed {record}', 'menutup {record}'],
  deleted: ['deleted {record}', 'memadam {record}'],
};

/** The words of a sentence that are not a record's. */
export const SENTENCE_WORDS = {
  someone: ['Someone', 'Seseorang'],
  withheld: ['withheld', 'dirahsiakan'],
  /** The fields of a record withheld from the reader (an export's column). */
  withheldFields: ['Withheld fields', 'Medan dirahsiakan'],
  empty: ['—', '—'],
  yes: ['yes', 'ya'],
  no: ['no', 'tidak'],
  /** The quorum rule "more than half". */
  majority: ['more than half of the voting members', 'lebih separuh daripada ahli yang mengundi'],
  /** The quorum rule "a fixed number": {count}. */
  quorumCount: ['{count} members present', '{count} ahli hadir'],
  /** An action line of the minutes: {agencies}. */
  actionLine: ['Action: {agencies}', 'Tindakan: {agencies}'],
  forInformation: ['For information', 'Untuk makluman'],
  /** The attendance of one person: {name}. */
  attendanceOf: ['Attendance of {name}', 'Kehadiran {name}'],
  /** Links whose ends the change does not name. */
  linkedUnnamed: ['linked two records', 'memautkan dua rekod'],
  unlinkedUnnamed: ['removed a link between two records', 'membuang pautan antara dua rekod'],
} as const satisfies Record<string, Words>;

export const CLASSIFICATION_WORDS: Readonly<Record<string, Words>> = {
  OPEN: ['Open', 'Terbuka'],
  RESTRICTED: ['Restricted', 'Terhad'],
  CONFIDENTIAL: ['Confidential', 'Sulit'],
  SECRET: ['Secret', 'Rahsia'],
};

export const ROLE_WORDS: Readonly<Record<string, Words>> = {
  chair: ['Chair', 'Pengerusi'],
  secretariat: ['Secretariat', 'Urus setia'],
  member: ['Member', 'Ahli'],
  observer: ['Observer', 'Pemerhati'],
  guest: ['Guest', 'Jemputan'],
};

export const ATTENDANCE_WORDS: Readonly<Record<string, Words>> = {
  present: ['Present', 'Hadir'],
  in_attendance: ['In attendance', 'Hadir bersama'],
  apologies: ['Apologies', 'Mohon maaf'],
  absent: ['Absent', 'Tidak hadir'],
};

/** Fields every record may have. */
export const COMMON_FIELDS: Readonly<Record<string, FieldWords>> = {
  title: { label: ['Title', 'Tajuk'] },
  classification: { label: ['Classification', 'Peringkat keselamatan'], values: CLASSIFICATION_WORDS },
  fieldClassifications: { label: ['Field classification', 'Peringkat keselamatan medan'], kind: 'levels' },
  status: { label: ['Status', 'Status'] },
};

/** Bookkeeping every change moves, and what a reader is told otherwise (redactedFields). */
export const QUIET_FIELDS: readonly string[] = ['id', 'version', 'createdAt', 'updatedAt', 'committeeId', 'createdById', 'redactedFields'];

const date = (en: string, ms: string): FieldWords => ({ label: [en, ms], kind: 'date' });
const field = (en: string, ms: string, kind?: ValueKind): FieldWords => (kind ? { label: [en, ms], kind } : { label: [en, ms] });

/**
 * Every record type in words, keyed by the descriptor (shared/src/records/record-types.ts): a
 * record type without an entry does not compile.
 */
export const TYPE_WORDS: { readonly [E in EntityType]: TypeWords } = {
  'action-item': {
    noun: ['the action', 'tindakan'],
    transitions: {
      field: 'status',
      to: { done: ['completed {record}', 'menyelesaikan {record}'], cancelled: ['cancelled {record}', 'membatalkan {record}'] },
    },
    fields: {
      description: field('Description', 'Keterangan'),
      status: {
        label: ['Status', 'Status'],
        values: {
          open: ['Not started', 'Belum bermula'],
          in_progress: ['In progress', 'Dalam tindakan'],
          blocked: ['Blocked', 'Tersekat'],
          done: ['Done', 'Selesai'],
          cancelled: ['Cancelled', 'Dibatalkan'],
        },
      },
      priority: {
        label: ['Priority', 'Keutamaan'],
        values: { low: ['Low', 'Rendah'], medium: ['Medium', 'Sederhana'], high: ['High', 'Tinggi'] },
      },
      dueDate: date('Due date', 'Tarikh akhir'),
      ownerIds: field('Owners', 'Pemilik', 'people'),
      ownerAgencies: field('Owner agencies', 'Agensi pemilik', 'list'),
      meetingId: field('Meeting', 'Mesyuarat', 'record'),
      agendaItemId: field('Agenda item', 'Perkara agenda', 'record'),
    },
  },
  'progress-update': {
    noun: ['the progress update', 'kemas kini kemajuan'],
    verbs: {
      created: ['posted {record}', 'menghantar {record}'],
      updated: ['edited {record}', 'menyunting {record}'],
      deleted: ['removed {record}', 'membuang {record}'],
    },
    fields: { body: field('Text', 'Teks') },
    quiet: ['actionItemId', 'authorId', 'authorName'],
  },
  member: {
    noun: ['the member', 'ahli'],
    verbs: { created: ['added {record}', 'menambah {record}'], deleted: ['removed {record}', 'mengeluarkan {record}'] },
    fields: {
      name: field('Name', 'Nama'),
      agency: field('Agency', 'Agensi'),
      role: { label: ['Role', 'Peranan'], values: ROLE_WORDS },
      active: field('Active', 'Aktif', 'boolean'),
      clearance: { label: ['Clearance', 'Tahap tapisan'], values: CLASSIFICATION_WORDS },
    },
    quiet: ['userId'],
  },
  meeting: {
    noun: ['the meeting', 'mesyuarat'],
    transitions: {
      field: 'status',
      to: {
        draft: ['returned {record} to draft', 'mengembalikan {record} kepada draf'],
        scheduled: ['scheduled {record}', 'menjadualkan {record}'],
        in_progress: ['started {record}', 'memulakan {record}'],
        adjourned: ['adjourned {record}', 'menangguhkan {record}'],
        closed: ['closed {record}', 'menutup {record}'],
      },
    },
    fields: {
      number: field('Number', 'Bilangan'),
      startsAt: field('Starts', 'Mula', 'datetime'),
      endsAt: field('Ends', 'Tamat', 'datetime'),
      venue: field('Venue', 'Tempat'),
      onlineUrl: field('Online meeting link', 'Pautan mesyuarat dalam talian'),
      status: {
        label: ['Status', 'Status'],
        values: {
          draft: ['Draft', 'Draf'],
          scheduled: ['Scheduled', 'Dijadualkan'],
          in_progress: ['In progress', 'Sedang berlangsung'],
          adjourned: ['Adjourned', 'Ditangguhkan'],
          closed: ['Closed', 'Ditutup'],
        },
      },
      currentAgendaItemId: field('Current item', 'Perkara semasa', 'record'),
    },
    quiet: ['currentItemStartedAt', 'currentItemRestricted'],
  },
  'agenda-item': {
    noun: ['the agenda item', 'perkara agenda'],
    fields: {
      number: field('Number', 'Nombor'),
      presenter: field('Presenter', 'Pembentang'),
      durationMinutes: field('Time allowed (minutes)', 'Peruntukan masa (minit)', 'number'),
      parentId: field('Under', 'Di bawah', 'record'),
    },
    quiet: ['meetingId', 'position'],
  },
  attendance: {
    noun: ['the attendance', 'kehadiran'],
    ofParent: ['the attendance of {parent}', 'kehadiran {parent}'],
    verbs: { updated: ['recorded {record}', 'merekodkan {record}'] },
    fields: { attendees: field('Attendance', 'Kehadiran', 'attendees'), guests: field('Guests', 'Hadir bersama', 'guests') },
    quiet: ['meetingId', 'quorum', 'currentItemQuorum', 'frozen', 'invitations', 'remindedAt'],
  },
  decision: {
    noun: ['the decision', 'keputusan'],
    verbs: { created: ['recorded {record}', 'merekodkan {record}'], updated: ['corrected {record}', 'membetulkan {record}'] },
    transitions: { field: 'status', to: { withdrawn: ['withdrew {record}', 'menarik balik {record}'] } },
    fields: {
      text: field('Text', 'Teks'),
      status: {
        label: ['Status', 'Status'],
        values: { recorded: ['Recorded', 'Direkodkan'], withdrawn: ['Withdrawn', 'Ditarik balik'] },
      },
      withdrawalReason: field('Reason for withdrawal', 'Sebab ditarik balik'),
    },
    quiet: ['meetingId', 'agendaItemId', 'withdrawnAt', 'correctedAt'],
  },
  'bilateral-meeting': {
    noun: ['the bilateral meeting', 'mesyuarat dua hala'],
    fields: {
      country: field('Country', 'Negara'),
      counterpart: field('Counterpart', 'Rakan runding'),
      level: {
        label: ['Level', 'Peringkat'],
        values: {
          ministerial: ['Ministerial', 'Menteri'],
          senior_officials: ['Senior officials', 'Pegawai kanan'],
          technical: ['Technical', 'Teknikal'],
        },
      },
      date: date('Date', 'Tarikh'),
      place: field('Place', 'Tempat'),
      ourDelegation: field('Our delegation', 'Delegasi kita'),
      objectives: field('Objectives', 'Objektif'),
      outcomes: field('Outcomes', 'Hasil'),
    },
    quiet: ['openCommitments'],
  },
  'bilateral-commitment': {
    noun: ['the commitment', 'komitmen'],
    transitions: { field: 'status', to: { done: ['marked {record} done', 'menandakan {record} selesai'] } },
    fields: {
      side: { label: ['Side', 'Pihak'], values: { ours: ['Our side', 'Pihak kita'], theirs: ['Their side', 'Pihak mereka'] } },
      text: field('Text', 'Teks'),
      dueDate: date('Due date', 'Tarikh akhir'),
      status: { label: ['Status', 'Status'], values: { open: ['Open', 'Terbuka'], done: ['Done', 'Selesai'] } },
    },
    quiet: ['bilateralMeetingId'],
  },
  agreement: {
    noun: ['the agreement', 'perjanjian'],
    transitions: { field: 'status', to: { signed: ['recorded the signing of {record}', 'merekodkan pemeteraian {record}'] } },
    fields: {
      kind: {
        label: ['Kind', 'Jenis'],
        values: { MoU: ['MoU', 'Memorandum persefahaman'], LoI: ['Letter of intent', 'Surat niat'], other: ['Other', 'Lain-lain'] },
      },
      country: field('Country', 'Negara'),
      status: {
        label: ['Status', 'Status'],
        values: {
          drafting: ['Drafting', 'Dalam penggubalan'],
          under_negotiation: ['Under negotiation', 'Dalam rundingan'],
          signed: ['Signed', 'Ditandatangani'],
          lapsed: ['Lapsed', 'Luput'],
        },
      },
      signedOn: date('Signed on', 'Ditandatangani pada'),
      expiresOn: date('Expires on', 'Tamat pada'),
      bilateralMeetingId: field('Bilateral meeting', 'Mesyuarat dua hala', 'record'),
    },
  },
  negotiation: {
    noun: ['the negotiation', 'rundingan'],
    transitions: {
      field: 'status',
      to: {
        suspended: ['suspended {record}', 'menggantung {record}'],
        concluded: ['concluded {record}', 'memuktamadkan {record}'],
        abandoned: ['abandoned {record}', 'membatalkan {record}'],
      },
    },
    fields: {
      counterpart: field('Counterpart', 'Rakan runding'),
      kind: {
        label: ['Kind', 'Jenis'],
        values: {
          fta_chapter: ['FTA chapter', 'Bab FTA'],
          investment: ['Investment agreement', 'Perjanjian pelaburan'],
          supply_chain: ['Supply-chain agreement', 'Perjanjian rantaian bekalan'],
          mou: ['MoU', 'Memorandum persefahaman'],
        },
      },
      status: {
        label: ['Status', 'Status'],
        values: {
          preparing: ['Preparing', 'Persediaan'],
          in_progress: ['In progress', 'Sedang berjalan'],
          suspended: ['Suspended', 'Digantung'],
          concluded: ['Concluded', 'Dimuktamadkan'],
          abandoned: ['Abandoned', 'Dibatalkan'],
        },
      },
      position: field('Our position', 'Pendirian kita'),
      redLines: field('Red lines', 'Garis merah'),
      fallback: field('Fallback', 'Pendirian sandaran'),
      concessions: field('Concessions', 'Konsesi'),
    },
  },
  'negotiation-round': {
    noun: ['the negotiation round', 'pusingan rundingan'],
    fields: {
      number: field('Round', 'Pusingan', 'number'),
      startsOn: date('From', 'Dari'),
      endsOn: date('To', 'Hingga'),
      venue: field('Venue', 'Tempat'),
      outcome: field('Outcome', 'Hasil'),
      nextSteps: field('Next steps', 'Langkah seterusnya'),
    },
    quiet: ['negotiationId'],
  },
  'rnd-project': {
    noun: ['the R&D project', 'projek R&D'],
    fields: {
      leadInstitution: field('Lead institution', 'Institusi peneraju'),
      partners: field('Partners', 'Rakan kerjasama', 'list'),
      fundingRm: field('Funding', 'Peruntukan', 'money'),
      valueChainStage: field('Value-chain stage', 'Peringkat rantaian nilai', 'record'),
      trlNow: field('TRL now', 'TRL semasa', 'number'),
      trlTarget: field('TRL target', 'Sasaran TRL', 'number'),
      notes: field('Notes', 'Catatan'),
    },
    quiet: ['slipping', 'lateMilestones', 'overdueMilestones'],
  },
  'rnd-milestone': {
    noun: ['the milestone', 'pencapaian utama'],
    transitions: { field: 'status', to: { done: ['achieved {record}', 'mencapai {record}'] } },
    fields: {
      gateCriteria: field('Gate criteria', 'Kriteria gerbang'),
      plannedOn: date('Planned', 'Dirancang'),
      actualOn: date('Actual', 'Sebenar'),
      status: {
        label: ['Status', 'Status'],
        values: {
          planned: ['Planned', 'Dirancang'],
          in_progress: ['In progress', 'Sedang berjalan'],
          done: ['Done', 'Selesai'],
          cancelled: ['Cancelled', 'Dibatalkan'],
        },
      },
    },
    quiet: ['rndProjectId', 'late', 'overdue'],
  },
  'record-link': {
    noun: ['the link', 'pautan'],
    verbs: { created: ['added {record}', 'menambah {record}'], deleted: ['removed {record}', 'membuang {record}'] },
    fields: {},
    quiet: ['fromId', 'fromType', 'toId', 'toType'],
  },
  document: {
    noun: ['the paper', 'kertas kerja'],
    verbs: { created: ['uploaded {record}', 'memuat naik {record}'] },
    fields: {
      fileName: field('File', 'Fail'),
      number: field('Number', 'Nombor'),
      presenter: field('Presenter', 'Pembentang'),
      status: {
        label: ['Status', 'Status'],
        values: {
          draft: ['Draft', 'Draf'],
          for_circulation: ['For circulation', 'Untuk edaran'],
          tabled: ['Tabled', 'Dibentangkan'],
          withdrawn: ['Withdrawn', 'Ditarik balik'],
        },
      },
    },
    quiet: ['parentId', 'mediaType', 'size', 'sha256', 'uploadedBy', 'presenterId', 'fileVersion'],
  },
  annotation: {
    noun: ['the shared note', 'nota kongsi'],
    fields: { text: field('Note', 'Nota'), page: field('Page', 'Halaman', 'number') },
    quiet: ['documentId', 'authorId', 'authorName', 'visibility', 'highlight'],
  },
  minutes: {
    noun: ['the minutes', 'minit'],
    ofParent: ['the minutes of {parent}', 'minit {parent}'],
    transitions: {
      field: 'status',
      to: {
        draft: ['returned {record} to draft', 'mengembalikan {record} kepada draf'],
        circulated: ['circulated {record}', 'mengedarkan {record}'],
        confirmed: ['confirmed {record}', 'mengesahkan {record}'],
        published: ['published {record}', 'menerbitkan {record}'],
      },
    },
    fields: {
      status: {
        label: ['Status', 'Status'],
        values: {
          draft: ['Draft', 'Draf'],
          circulated: ['Circulated', 'Diedarkan'],
          confirmed: ['Confirmed', 'Disahkan'],
          published: ['Published', 'Diterbitkan'],
        },
      },
      confirmation: {
        label: ['Confirmed', 'Disahkan'],
        values: { without_amendment: ['Without amendment', 'Tanpa pindaan'], with_amendments: ['With amendments', 'Dengan pindaan'] },
      },
      confirmedAtMeetingId: field('Confirmed at', 'Disahkan dalam', 'record'),
      proposedBy: field('Proposed by', 'Dicadangkan oleh', 'people'),
      secondedBy: field('Seconded by', 'Disokong oleh', 'people'),
      amendments: field('Amendments', 'Pindaan'),
      publishedVersion: field('Published version', 'Versi terbitan', 'number'),
      commentsDueAt: field('Comments by', 'Ulasan sebelum', 'datetime'),
    },
    quiet: ['meetingId'],
  },
  'minutes-section': {
    noun: ['the minutes section', 'bahagian minit'],
    fields: {
      number: field('Number', 'Nombor'),
      text: field('Text', 'Teks'),
      actionLine: field('Action line', 'Baris tindakan', 'action-line'),
      ownClassification: { label: ['Own classification', 'Peringkat keselamatan sendiri'], values: CLASSIFICATION_WORDS },
    },
    quiet: ['minutesId', 'meetingId', 'agendaItemId', 'decisions', 'interests'],
  },
  'minutes-comment': {
    noun: ['the comment', 'ulasan'],
    verbs: { created: ['posted {record}', 'menghantar {record}'] },
    transitions: {
      field: 'resolved',
      to: { true: ['resolved {record}', 'menyelesaikan {record}'], false: ['reopened {record}', 'membuka semula {record}'] },
    },
    fields: { body: field('Text', 'Teks'), resolved: field('Resolved', 'Selesai', 'boolean') },
    quiet: ['minutesId', 'sectionId', 'parentId', 'authorId', 'authorName', 'quote', 'anchor'],
  },
  'committee-settings': {
    noun: ['the committee settings', 'tetapan jawatankuasa'],
    fields: {
      quorumRule: field('Quorum rule', 'Peraturan korum', 'quorum-rule'),
      secretariatVotes: field('Secretariat votes', 'Urus setia mengundi', 'boolean'),
      agendaLanguage: {
        ...field('Language of the standard agenda', 'Bahasa agenda standard'),
        values: { ms: ['Bahasa Malaysia', 'Bahasa Malaysia'], en: ['English', 'Bahasa Inggeris'] },
      },
      recusedWithoutPapers: field('Papers withheld from those who step out', 'Kertas ditahan daripada yang keluar', 'boolean'),
    },
  },
  vote: {
    noun: ['the vote', 'undian'],
    fields: {
      question: field('Question', 'Soalan'),
      options: field('Options', 'Pilihan', 'list'),
      ballot: {
        label: ['Ballot', 'Cara mengundi'],
        values: { named: ['Named', 'Undi terbuka'], secret: ['Secret', 'Undi sulit'] },
      },
      status: { label: ['Status', 'Status'], values: { open: ['Open', 'Dibuka'], closed: ['Closed', 'Ditutup'] } },
    },
    // Ballots and their counts move with each vote cast (said by the verb); the decision follows the close.
    quiet: ['meetingId', 'agendaItemId', 'tally', 'ballotsCast', 'voterIds', 'ballots', 'decisionId', 'closedAt'],
  },
  interest: {
    noun: ['the declaration of interest', 'perisytiharan kepentingan'],
    verbs: { created: ['declared {record}', 'mengisytiharkan {record}'] },
    fields: {
      nature: field('Nature of the interest', 'Sifat kepentingan'),
      stepsOut: field('Steps out', 'Keluar daripada perbincangan', 'boolean'),
    },
    quiet: ['subjectId', 'subjectType', 'meetingId', 'userId', 'userName'],
  },
  resolution: {
    noun: ['the resolution', 'resolusi'],
    verbs: { created: ['circulated {record}', 'mengedarkan {record}'], tallied: ['answered {record}', 'menjawab {record}'] },
    fields: {
      text: field('Text', 'Teks'),
      rule: {
        label: ['Rule', 'Peraturan'],
        values: {
          majority_of_voting_members: ['Majority of the voting members', 'Majoriti ahli yang mengundi'],
          no_objection: ['No objection', 'Tiada bantahan'],
        },
      },
      closesAt: field('Closes', 'Tarikh tutup', 'datetime'),
      status: { label: ['Status', 'Status'], values: { open: ['Open', 'Dibuka'], closed: ['Closed', 'Ditutup'] } },
      outcome: {
        label: ['Outcome', 'Keputusan'],
        values: { carried: ['Carried', 'Diluluskan'], not_carried: ['Not carried', 'Tidak diluluskan'] },
      },
    },
    quiet: ['answers', 'tally', 'votingMembers', 'closedBy', 'closedAt'],
  },
};
