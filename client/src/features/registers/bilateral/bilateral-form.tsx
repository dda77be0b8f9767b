import {
  BILATERAL_LEVELS,
  BILATERAL_MEETING_LEVELLED_FIELDS,
  type BilateralMeeting,
  type Classification,
  type CreateBilateralMeeting,
} from '@sidang/shared';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { todayInCommitteeZone } from '../../../lib/dates.ts';
import {
  changedOnly,
  clearedLevels,
  type FieldSpec,
  levelsToWire,
  RegisterForm,
  type RegisterFormSubmit,
} from '../components/register-form.tsx';
import { useCreateBilateralMeeting, useUpdateBilateralMeeting } from '../hooks/use-registers.ts';

function useFields(): FieldSpec[] {
  const { t } = useTranslation();
  return [
    { name: 'country', label: t('registers.bilateral.country'), kind: 'text', required: true, hint: t('registers.bilateral.countryHint') },
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
}

function toBody({ values, classification, levels }: RegisterFormSubmit, redacted: readonly string[] = []) {
  const body: Record<string, unknown> = {
    country: values.country?.trim().toUpperCase() ?? '',
    counterpart: values.counterpart ?? '',
    level: values.level,
    date: values.date,
    place: values.place ?? '',
    ourDelegation: values.ourDelegation ?? '',
    objectives: values.objectives ?? '',
    outcomes: values.outcomes ?? '',
    classification,
    fieldClassifications: levelsToWire(levels, BILATERAL_MEETING_LEVELLED_FIELDS),
  };
  // A field withheld from the editor is never sent: the stored value stays.
  for (const field of redacted) delete body[field];
  return body as CreateBilateralMeeting;
}

export function BilateralCreator({ committeeId, clearance }: { committeeId: string; clearance: Classification }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateBilateralMeeting(committeeId);
  const base = `/c/${committeeId}/registers/bilateral`;
  return (
    <RegisterForm
      title={t('registers.bilateral.new')}
      fields={useFields()}
      initial={{ level: 'technical', date: todayInCommitteeZone() }}
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

export function BilateralEditor({ record, clearance }: { record: BilateralMeeting; clearance: Classification }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const update = useUpdateBilateralMeeting(record.id);
  const page = `/c/${record.committeeId}/registers/bilateral/${record.id}`;
  return (
    <RegisterForm
      title={t('registers.bilateral.edit')}
      fields={useFields()}
      initial={{
        country: record.country,
        counterpart: record.counterpart,
        level: record.level,
        date: record.date,
        place: record.place,
        ourDelegation: record.ourDelegation ?? '',
        objectives: record.objectives ?? '',
        outcomes: record.outcomes ?? '',
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
