import { BILATERAL_LEVELS, BILATERAL_MEETING_LEVELLED_FIELDS, type CreateBilateralMeeting } from '@sidang/shared';
import { useTranslation } from 'react-i18next';
import { todayInCommitteeZone } from '../../../lib/dates.ts';
import type { FieldSpec } from '../components/register-values.ts';
import { defineRegister } from '../define-register.ts';

/** The bilateral meetings register: one engagement with a partner country, its levels and outcomes. */
export const bilateral = defineRegister<'bilateral-meeting', CreateBilateralMeeting>({
  type: 'bilateral-meeting',
  form: {
    useFields(): FieldSpec[] {
      const { t } = useTranslation();
      return [
        {
          name: 'country',
          label: t('registers.bilateral.country'),
          kind: 'text',
          required: true,
          hint: t('registers.bilateral.countryHint'),
        },
        { name: 'counterpart', label: t('registers.bilateral.counterpart'), kind: 'text', required: true },
        {
          name: 'level',
          label: t('registers.bilateral.level'),
          kind: 'select',
          options: BILATERAL_LEVELS.map((value) => ({ value, label: t(`registers.bilateral.level_${value}`) })),
        },
        { name: 'date', label: t('registers.bilateral.date'), kind: 'date', required: true },
        { name: 'place', label: t('registers.bilateral.place'), kind: 'text' },
        { name: 'ourDelegation', label: t('registers.bilateral.ourDelegation'), kind: 'textarea', levelled: true },
        { name: 'objectives', label: t('registers.bilateral.objectives'), kind: 'textarea', levelled: true },
        { name: 'outcomes', label: t('registers.bilateral.outcomes'), kind: 'textarea', levelled: true },
      ];
    },
    newValues: () => ({ level: 'technical', date: todayInCommitteeZone() }),
    newClassification: 'OPEN',
    names: ['country', 'counterpart', 'level', 'date', 'place', ...BILATERAL_MEETING_LEVELLED_FIELDS],
    toBody: (values) => ({ country: values.country?.trim().toUpperCase() ?? '' }),
  },
});
