import type { CreateRndProject } from '@sidang/shared';
import { useTranslation } from 'react-i18next';
import type { FieldSpec } from '../components/register-values.ts';
import { defineRegister } from '../define-register.ts';
import { useValueChainStages } from '../hooks/use-registers.ts';

const TRL_OPTIONS = Array.from({ length: 9 }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }));

/** The R&D projects register: TRL now and target, value-chain stage, milestones and slippage. */
export const rnd = defineRegister<'rnd-project', CreateRndProject>({
  type: 'rnd-project',
  form: {
    useFields(): FieldSpec[] {
      const { t, i18n } = useTranslation();
      const stages = useValueChainStages();
      return [
        { name: 'title', label: t('registers.rnd.name'), kind: 'text', required: true },
        { name: 'leadInstitution', label: t('registers.rnd.leadInstitution'), kind: 'text' },
        { name: 'partners', label: t('registers.rnd.partners'), kind: 'text', levelled: true, hint: t('registers.rnd.partnersHint') },
        { name: 'fundingRm', label: t('registers.rnd.fundingRm'), kind: 'number', levelled: true, min: 0 },
        {
          name: 'valueChainStage',
          label: t('registers.rnd.stage'),
          kind: 'select',
          options: [
            { value: '', label: t('registers.rnd.noStage') },
            ...(stages.data ?? []).map((s) => ({ value: s.code, label: i18n.language === 'ms' ? s.nameMs : s.nameEn })),
          ],
        },
        { name: 'trlNow', label: t('registers.rnd.trlNow'), kind: 'select', options: TRL_OPTIONS },
        { name: 'trlTarget', label: t('registers.rnd.trlTarget'), kind: 'select', options: TRL_OPTIONS },
        { name: 'notes', label: t('registers.rnd.notes'), kind: 'textarea', levelled: true },
      ];
    },
    newValues: () => ({ trlNow: '3', trlTarget: '5', valueChainStage: '' }),
    newClassification: 'OPEN',
    names: ['title', 'leadInstitution', 'partners', 'fundingRm', 'valueChainStage', 'trlNow', 'trlTarget', 'notes'],
    valuesOf: (record) => ({
      title: record.title,
      leadInstitution: record.leadInstitution,
      partners: (record.partners ?? []).join(', '),
      fundingRm: record.fundingRm == null ? '' : String(record.fundingRm),
      valueChainStage: record.valueChainStage ?? '',
      trlNow: String(record.trlNow),
      trlTarget: String(record.trlTarget),
      notes: record.notes ?? '',
    }),
    toBody: (values) => {
      const funding = values.fundingRm?.trim();
      return {
        partners: (values.partners ?? '')
          .split(',')
          .map((p) => p.trim())
          .filter(Boolean),
        fundingRm: funding ? Number(funding) : null,
        valueChainStage: values.valueChainStage || null,
        trlNow: Number(values.trlNow || 1),
        trlTarget: Number(values.trlTarget || values.trlNow || 1),
      };
    },
  },
});
