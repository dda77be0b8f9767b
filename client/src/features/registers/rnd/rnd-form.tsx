import { type Classification, type CreateRndProject, RND_PROJECT_LEVELLED_FIELDS, type RndProject } from '@sidang/shared';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import {
  changedOnly,
  clearedLevels,
  type FieldSpec,
  levelsToWire,
  RegisterForm,
  type RegisterFormSubmit,
} from '../components/register-form.tsx';
import { useCreateRndProject, useUpdateRndProject, useValueChainStages } from '../hooks/use-registers.ts';

const TRL_OPTIONS = Array.from({ length: 9 }, (_, i) => ({ value: String(i + 1), label: String(i + 1) }));

function useFields(): FieldSpec[] {
  const { t, i18n } = useTranslation();
  const stages = useValueChainStages();
  return [
    { name: 'title', label: t('registers.rnd.name'), kind: 'text', required: true },
    { name: 'leadInstitution', label: t('registers.rnd.leadInstitution'), kind: 'text' },
    {
      name: 'partners',
      label: t('registers.rnd.partners'),
      kind: 'text',
      levelled: true,
      hint: t('registers.rnd.partnersHint'),
    },
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
}

function toBody({ values, classification, levels }: RegisterFormSubmit, redacted: readonly string[] = []) {
  const funding = values.fundingRm?.trim();
  const body: Record<string, unknown> = {
    title: values.title ?? '',
    leadInstitution: values.leadInstitution ?? '',
    partners: (values.partners ?? '')
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean),
    fundingRm: funding ? Number(funding) : null,
    valueChainStage: values.valueChainStage || null,
    trlNow: Number(values.trlNow || 1),
    trlTarget: Number(values.trlTarget || values.trlNow || 1),
    notes: values.notes ?? '',
    classification,
    fieldClassifications: levelsToWire(levels, RND_PROJECT_LEVELLED_FIELDS),
  };
  for (const field of redacted) delete body[field];
  return body as CreateRndProject;
}

export function RndCreator({ committeeId, clearance }: { committeeId: string; clearance: Classification }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateRndProject(committeeId);
  const base = `/c/${committeeId}/registers/rnd`;
  return (
    <RegisterForm
      title={t('registers.rnd.new')}
      fields={useFields()}
      initial={{ trlNow: '3', trlTarget: '5', valueChainStage: '' }}
      initialClassification="OPEN"
      clearance={clearance}
      submitting={create.isPending}
      error={create.error}
      submitLabel={t('registers.create')}
      onCancel={() => navigate(base)}
      onSubmit={(submit) => create.mutate(toBody(submit), { onSuccess: (record) => navigate(`${base}/${record.id}`) })}
    />
  );
}

export function RndEditor({ record, clearance }: { record: RndProject; clearance: Classification }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const update = useUpdateRndProject(record.id);
  const page = `/c/${record.committeeId}/registers/rnd/${record.id}`;
  return (
    <RegisterForm
      title={t('registers.rnd.edit')}
      fields={useFields()}
      initial={{
        title: record.title,
        leadInstitution: record.leadInstitution,
        partners: (record.partners ?? []).join(', '),
        fundingRm: record.fundingRm == null ? '' : String(record.fundingRm),
        valueChainStage: record.valueChainStage ?? '',
        trlNow: String(record.trlNow),
        trlTarget: String(record.trlTarget),
        notes: record.notes ?? '',
      }}
      initialClassification={record.classification}
      initialLevels={record.fieldClassifications}
      redacted={record.redactedFields}
      clearance={clearance}
      submitting={update.isPending}
      error={update.error}
      submitLabel={t('registers.save')}
      onCancel={() => navigate(page)}
      onSubmit={(submit) =>
        update.mutate(
          {
            version: record.version,
            ...changedOnly(
              { ...record, fieldClassifications: clearedLevels(record.fieldClassifications, clearance) },
              toBody(submit, record.redactedFields),
            ),
          },
          { onSuccess: () => navigate(page) },
        )
      }
    />
  );
}
