/**
 * The committee's terms in English and Bahasa Malaysia, one concept a line, each spelling as
 * people type it. Search treats a query's run of words that spells one of them as the concept:
 * "kitar semula" finds "recycling", "Japan" finds "Jepun" (docs/search.md).
 */
export const SEARCH_GLOSSARY: readonly (readonly string[])[] = [
  // The committee's subject
  ['rare earth', 'rare earths', 'rare earth elements', 'nadir bumi', 'unsur nadir bumi'],
  ['recycling', 'recycle', 'recycled', 'kitar semula'],
  ['processing', 'pemprosesan'],
  ['refinery', 'kilang penapisan'],
  ['mining', 'perlombongan'],
  ['separation', 'pengasingan'],
  ['downstream', 'hiliran'],
  ['upstream', 'huluan'],
  ['midstream', 'mid-level', 'pertengahan'],
  ['investment', 'pelaburan'],
  ['export ban', 'larangan eksport'],
  ['offtake', 'pembelian hasil'],
  ['feasibility study', 'kajian kebolehlaksanaan'],
  ['licence', 'license', 'lesen'],
  ['value chain', 'rantaian nilai'],
  ['technology readiness level', 'tahap kesediaan teknologi'],
  ['milestone', 'pencapaian utama'],
  // How the committee works
  ['committee', 'jawatankuasa'],
  ['bilateral meeting', 'mesyuarat dua hala'],
  ['minutes', 'minit mesyuarat'],
  ['meeting', 'mesyuarat'],
  ['chair', 'chairman', 'pengerusi'],
  ['secretariat', 'urus setia'],
  ['matters arising', 'perkara berbangkit'],
  ['paper', 'kertas kerja'],
  ['decision', 'keputusan'],
  ['action', 'tindakan'],
  ['negotiation', 'rundingan', 'perundingan'],
  ['round', 'pusingan'],
  ['memorandum of understanding', 'mou', 'memorandum persefahaman'],
  ['classification', 'peringkat keselamatan'],
  // Partner countries
  ['japan', 'jepun'],
  ['germany', 'jerman'],
  ['united states', 'usa', 'amerika syarikat'],
  ['european union', 'kesatuan eropah'],
  ['south korea', 'korea selatan'],
];

/** A run of a query's words: either one word as typed, or the spellings of a glossary concept. */
export interface QueryTerm {
  /** The words as typed. */
  typed: string[];
  /** What may match: each a sequence of words (a phrase); the typed words first. */
  spellings: string[][];
}

const words = (text: string): string[] =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .match(/[\p{L}\p{N}]+/gu) ?? [];

const CONCEPTS: string[][][] = SEARCH_GLOSSARY.map((concept) => concept.map(words));
const LONGEST = Math.max(...CONCEPTS.flat().map((spelling) => spelling.length));

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((word, index) => word === b[index]);
}

/**
 * Groups a query's words (lower case) into terms: the longest run at each place that spells a
 * glossary concept becomes one term matched by any of its spellings; every other word stays a
 * term of its own.
 */
export function glossaryTerms(queryWords: readonly string[]): QueryTerm[] {
  const terms: QueryTerm[] = [];
  let at = 0;
  while (at < queryWords.length) {
    let found: QueryTerm | undefined;
    for (let length = Math.min(LONGEST, queryWords.length - at); length >= 1 && !found; length--) {
      const typed = queryWords.slice(at, at + length);
      const concept = CONCEPTS.find((spellings) => spellings.some((spelling) => sameWords(spelling, typed)));
      if (concept) found = { typed, spellings: [typed, ...concept.filter((spelling) => !sameWords(spelling, typed))] };
    }
    const term = found ?? { typed: [queryWords[at] as string], spellings: [[queryWords[at] as string]] };
    terms.push(term);
    at += term.typed.length;
  }
  return terms;
}
