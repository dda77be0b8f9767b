import { type CreateNegotiation, NEGOTIATION_KINDS, NEGOTIATION_LEVELLED_FIELDS, NEGOTIATION_STATUSES } from '@sidang/shared';
import { useTranslation } from 'react-i18next';
import type { FieldSpec } from '../components/register-values.ts';
import { defineRegister } from '../define-register.ts';

/** The negotiations register: one track, its position sections each with its own level. */
export const negotiations = defineRegister<'negotiation', CreateNegotiation>({
  type: 'negotiation',
  form: {
    useFields(): FieldSpec[] {
      const { t } = useTranslation();
      return [
        { name: 'title', label: t('registers.negotiations.name'), kind: 'text', required: true },
        { name: 'counterpart', label: t('registers.negotiations.counterpart'), kind: 'text' },
        {
          name: 'kind',
          label: t('registers.negotiations.kind'),
          kind: 'select',
          options: NEGOTIATION_KINDS.map((value) => ({ value, label: t(`registers.negotiations.kind_${value}`) })),
        },
        {
          name: 'status',
          label: t('registers.status'),
          kind: 'select',
          options: NEGOTIATION_STATUSES.map((value) => ({ value, label: t(`registers.negotiations.status_${value}`) })),
        },
        ...NEGOTIATION_LEVELLED_FIELDS.map(
          (name): FieldSpec => ({ name, label: t(`registers.negotiations.${name}`), kind: 'textarea', levelled: true }),
        ),
      ];
    },
    newValues: () => ({ kind: 'fta_chapter', status: 'preparing' }),
    newClassification: 'CONFIDENTIAL',
    names: ['title', 'counterpart', 'kind', 'status', ...NEGOTIATION_LEVELLED_FIELDS],
  },
});
