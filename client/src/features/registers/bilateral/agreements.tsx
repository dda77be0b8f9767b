import { AGREEMENT_KINDS, AGREEMENT_STATUSES, type Agreement } from '@sidang/shared';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatIsoDate } from '../../../lib/dates.ts';
import { ClassificationBadge } from '../../../lib/ui/badges.tsx';
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
  const [kind, setKind] = useState<Agreement['kind']>('MoU');
  const [title, setTitle] = useState('');
  const [status, setStatus] = useState<Agreement['status']>('drafting');
  const [signedOn, setSignedOn] = useState('');
  const errors = useFormErrors(create.error);
  return (
    <form
      className="inline-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!title.trim()) return;
        create.mutate(
          { kind, title: title.trim(), country, status, signedOn: signedOn || null, bilateralMeetingId },
          { onSuccess: () => setTitle('') },
        );
      }}
    >
      <label className="field field--inline" htmlFor={`${id}-kind`}>
        <span>{t('registers.agreements.kind')}</span>
        <select id={`${id}-kind`} value={kind} onChange={(e) => setKind(e.target.value as Agreement['kind'])}>
          {AGREEMENT_KINDS.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </select>
      </label>
      <label className="field field--grow" htmlFor={`${id}-title`}>
        <span>{t('registers.agreements.name')}</span>
        <input id={`${id}-title`} value={title} onChange={(e) => setTitle(e.target.value)} />
      </label>
      <label className="field field--inline" htmlFor={`${id}-status`}>
        <span>{t('registers.status')}</span>
        <select id={`${id}-status`} value={status} onChange={(e) => setStatus(e.target.value as Agreement['status'])}>
          {AGREEMENT_STATUSES.map((value) => (
            <option key={value} value={value}>
              {t(`registers.agreements.status_${value}`)}
            </option>
          ))}
        </select>
      </label>
      <label className="field field--inline" htmlFor={`${id}-signed`}>
        <span>{t('registers.agreements.signed')}</span>
        <input id={`${id}-signed`} type="date" value={signedOn} onChange={(e) => setSignedOn(e.target.value)} />
      </label>
      <button type="submit" className="button button--small" disabled={create.isPending || !title.trim()} data-testid="add-agreement">
        {t('registers.add')}
      </button>
      {errors.form && (
        <span className="field__error" role="alert">
          {errors.title ?? errors.form}
        </span>
      )}
    </form>
  );
}
