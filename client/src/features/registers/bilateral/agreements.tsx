import { AGREEMENT_KINDS, AGREEMENT_STATUSES, type Agreement } from '@sidang/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatIsoDate } from '../../../lib/dates.ts';
import { ClassificationBadge } from '../../../lib/ui/badges.tsx';
import { InlineForm, InlineInput, InlineSelect, InlineSubmit } from '../../../lib/ui/form/index.ts';
import { useFormErrors } from '../components/register-form.tsx';
import { useCreateAgreement, useUpdateAgreement } from '../hooks/use-registers.ts';

export function AgreementRow({ agreement, canEdit }: { agreement: Agreement; canEdit: boolean }) {
  const { t, i18n } = useTranslation();
  const update = useUpdateAgreement();
  return (
    <li className="agreement" data-testid="agreement-row" data-id={agreement.id}>
      <span className="badge">{agreement.kind}</span>
      <span className="agreement__title">{agreement.title}</span>
      <ClassificationBadge level={agreement.classification} />
      {canEdit ? (
        <select
          aria-label={t('registers.agreements.statusOf', { title: agreement.title })}
          value={agreement.status}
          disabled={update.isPending}
          onChange={(e) =>
            update.mutate({ id: agreement.id, body: { version: agreement.version, status: e.target.value as Agreement['status'] } })
          }
        >
          {AGREEMENT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {t(`registers.agreements.status_${status}`)}
            </option>
          ))}
        </select>
      ) : (
        <span className="badge badge--status">{t(`registers.agreements.status_${agreement.status}`)}</span>
      )}
      {agreement.signedOn && (
        <span className="muted">{t('registers.agreements.signedOn', { date: formatIsoDate(agreement.signedOn, i18n.language) })}</span>
      )}
      {agreement.expiresOn && (
        <span className="muted">{t('registers.agreements.expiresOn', { date: formatIsoDate(agreement.expiresOn, i18n.language) })}</span>
      )}
    </li>
  );
}

export function AddAgreement({
  committeeId,
  country,
  bilateralMeetingId,
}: {
  committeeId: string;
  country: string;
  bilateralMeetingId: string | null;
}) {
  const { t } = useTranslation();
  const id = useId();
  const create = useCreateAgreement(committeeId);
  const errors = useFormErrors(create.error);
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<Agreement['kind']>('MoU');
  const [status, setStatus] = useState<Agreement['status']>('drafting');
  const [signedOn, setSignedOn] = useState('');
  const add = () =>
    create.mutate(
      { kind, title: title.trim(), country, status, signedOn: signedOn || null, bilateralMeetingId },
      { onSuccess: () => setTitle('') },
    );
  return (
    <InlineForm onSubmit={() => title.trim() && add()}>
      <InlineSelect
        id={`${id}-kind`}
        label={t('registers.agreements.kind')}
        value={kind}
        onChange={setKind}
        options={AGREEMENT_KINDS.map((value) => ({ value, label: value }))}
      />
      <InlineInput id={`${id}-title`} label={t('registers.agreements.name')} value={title} onChange={setTitle} grow />
      <InlineSelect
        id={`${id}-status`}
        label={t('registers.status')}
        value={status}
        onChange={setStatus}
        options={AGREEMENT_STATUSES.map((value) => ({ value, label: t(`registers.agreements.status_${value}`) }))}
      />
      <InlineInput id={`${id}-signed`} label={t('registers.agreements.signed')} value={signedOn} onChange={setSignedOn} type="date" />
      <InlineSubmit
        label={t('registers.add')}
        disabled={create.isPending || !title.trim()}
        testId="add-agreement"
        error={errors.form && (errors.title ?? errors.form)}
      />
    </InlineForm>
  );
}
