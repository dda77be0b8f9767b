import { describe, expect, it } from '@jest/globals';
import { glossaryTerms } from './glossary.js';

describe(glossaryTerms.name, () => {
  it('should group the words that spell a glossary term and keep the others as they are', () => {
    expect(glossaryTerms(['kitar', 'semula', 'magnet', 'jepun'])).toEqual([
      { typed: ['kitar', 'semula'], spellings: [['kitar', 'semula'], ['recycling'], ['recycle'], ['recycled']] },
      { typed: ['magnet'], spellings: [['magnet']] },
      { typed: ['jepun'], spellings: [['jepun'], ['japan']] },
    ]);
  });

  it('should prefer the longest term at a place (unsur nadir bumi over nadir bumi)', () => {
    const [term] = glossaryTerms(['unsur', 'nadir', 'bumi']);
    expect(term?.typed).toEqual(['unsur', 'nadir', 'bumi']);
    expect(term?.spellings).toContainEqual(['rare', 'earth']);
  });
});
