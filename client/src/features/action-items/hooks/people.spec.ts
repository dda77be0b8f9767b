import { describe, expect, it } from '@jest/globals';
import { makeActionItem } from '../../../test/fixtures.ts';
import { agenciesOf, filterActionItems, parseListParams } from './list-params.ts';
import { agencyKey, memberLabel } from './people.ts';

describe(memberLabel.name, () => {
  it('should not repeat an agency the name already carries', () => {
    expect(memberLabel({ name: 'Pegawai Dasar Mineral (NRES)', agency: 'NRES' })).toBe('Pegawai Dasar Mineral (NRES)');
    expect(memberLabel({ name: 'Pengerusi (Timbalan Ketua Setiausaha, MITI)', agency: 'MITI' })).toBe(
      'Pengerusi (Timbalan Ketua Setiausaha, MITI)',
    );
  });

  it('should add the agency to a name without it, and not be fooled by a longer word', () => {
    expect(memberLabel({ name: 'Aminah binti Yusof', agency: 'JMG' })).toBe('Aminah binti Yusof (JMG)');
    expect(memberLabel({ name: 'MIDAS liaison', agency: 'MIDA' })).toBe('MIDAS liaison (MIDA)');
  });
});

describe(agencyKey.name, () => {
  it('should treat case and surrounding spaces as the same agency', () => {
    expect(agencyKey(' jmg ')).toBe(agencyKey('JMG'));
  });
});

describe('agency filter', () => {
  const lower = makeActionItem({ title: 'Typed in lower case', ownerAgencies: ['jmg'] });
  const upper = makeActionItem({ title: 'Typed in capitals', ownerAgencies: ['JMG', 'Kerajaan Negeri Perak'] });
  const other = makeActionItem({ title: 'Someone else', ownerAgencies: ['NRES'] });

  it('should offer jmg and JMG as one agency', () => {
    expect(agenciesOf([lower, upper, other])).toEqual(['JMG', 'Kerajaan Negeri Perak', 'NRES']);
  });

  it('should find both spellings whichever is chosen, and keep the names as typed', () => {
    for (const query of ['agency=JMG', 'agency=jmg']) {
      const found = filterActionItems([lower, upper, other], parseListParams(new URLSearchParams(query)), '2025-06-15');
      expect(found.map((item) => item.title)).toEqual(['Typed in lower case', 'Typed in capitals']);
    }
    expect(lower.ownerAgencies).toEqual(['jmg']);
  });
});
