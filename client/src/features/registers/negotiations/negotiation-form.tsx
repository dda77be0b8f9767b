import {
  type Classification,
  type CreateNegotiation,
  NEGOTIATION_KINDS,
  NEGOTIATION_LEVELLED_FIELDS,
  NEGOTIATION_STATUSES,
  type Negotiation,
} from '@sidang/shared';
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
import { useCreateNegotiation, useUpdateNegotiation } from '../hooks/use-registers.ts';

function useFields(): FieldSpec[] {
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
}

function toBody({ values, classification, levels }: RegisterFormSubmit, redacted: readonly string[] = []) {
  const body: Record<string, unknown> = {
    title: values.title ?? '',
    counterpart: values.counterpart ?? '',
    kind: values.kind,
    status: values.status,
    classification,
    fieldClassifications: levelsToWire(levels, NEGOTIATION_LEVELLED_FIELDS),
  };
  for (const field of NEGOTIATION_LEVELLED_FIELDS) if (!redacted.includes(field)) body[field] = values[field] ?? '';
  return body as CreateNegotiation;
}

export function NegotiationCreator({ committeeId, clearance }: { committeeId: string; clearance: Classification }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateNegotiation(committeeId);
  const base = `/c/${committeeId}/registers/negotiations`;
  return (
    <RegisterForm
      title={t('registers.negotiations.new')}
      fields={useFields()}
      initial={{ kind: 'fta_chapter', status: 'preparing' }}
      initialClassification="CONFIDENTIAL"
      clearance={clearance}
      submitting={create.isPending}
      error={create.error}
      submitLabel={t('registers.create')}
      onCancel={() => navigate(base)}
      onSubmit={(submit) => create.mutate(toBody(submit), { onSuccess: (record) => navigate(`${base}/${record.id}`) })}
    />
  );
}

export function NegotiationEditor({ record, clearance }: { record: Negotiation; clearance: Classification }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const update = useUpdateNegotiation(record.id);
  const page = `/c/${record.committeeId}/registers/negotiations/${record.id}`;
  return (
    <RegisterForm
      title={t('registers.negotiations.edit')}
      fields={useFields()}
      initial={{
        title: record.title,
        counterpart: record.counterpart,
        kind: record.kind,
        status: record.status,
        position: record.position ?? '',
        redLines: record.redLines ?? '',
        fallback: record.fallback ?? '',
        concessions: record.concessions ?? '',
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
