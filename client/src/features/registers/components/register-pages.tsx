import type { Classification, EntityRecords } from '@sidang/shared';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useMe } from '../../auth/index.ts';
import { useCommittee } from '../../committees/index.ts';
import { canManageLinks, LinksPanel } from '../../links/index.ts';
import { FollowToggle } from '../../notifications/index.ts';
import type { Register, RegisterType } from '../define-register.ts';
import { RegisterForm } from './register-form.tsx';
import { BackLink, canEditRegisters, StateView } from './register-ui.tsx';

// The pages every register has, from its definition (define-register.ts): create, edit, and the
// frame of a record's page. What a register shows of its own goes in as children.

/** A register's form for a new record; opens the record once created. */
export function RegisterCreator<E extends RegisterType, C extends object>({
  register,
  committeeId,
  clearance,
}: {
  register: Register<E, C>;
  committeeId: string;
  clearance: Classification;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = register.useCreate(committeeId);
  const base = register.listPath(committeeId);
  return (
    <RegisterForm
      title={t(`registers.${register.key}.new`)}
      fields={register.form.useFields()}
      initial={register.form.newValues()}
      initialClassification={register.form.newClassification}
      clearance={clearance}
      submitting={create.isPending}
      error={create.error}
      submitLabel={t('registers.create')}
      onCancel={() => navigate(base)}
      onSubmit={(submit) => create.mutate(register.toBody(submit), { onSuccess: (record) => navigate(`${base}/${record.id}`) })}
    />
  );
}

/** A register's form for a stored record: sends what changed, never a field withheld from the editor. */
export function RegisterEditor<E extends RegisterType, C extends object>({
  register,
  record,
  clearance,
}: {
  register: Register<E, C>;
  record: EntityRecords[E];
  clearance: Classification;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const update = register.useUpdate(record.id);
  const page = register.pagePath(record.committeeId, record.id);
  return (
    <RegisterForm
      title={t(`registers.${register.key}.edit`)}
      fields={register.form.useFields()}
      initial={register.valuesOf(record)}
      initialClassification={record.classification}
      initialLevels={record.fieldClassifications}
      redacted={record.redactedFields}
      clearance={clearance}
      submitting={update.isPending}
      error={update.error}
      submitLabel={t('registers.save')}
      onCancel={() => navigate(page)}
      onSubmit={(submit) => update.mutate(register.changes(record, submit, clearance), { onSuccess: () => navigate(page) })}
    />
  );
}

/** `…/new`: the form, for those who may create. */
export function RegisterNewPage<E extends RegisterType, C extends object>({ register }: { register: Register<E, C> }) {
  const { t } = useTranslation();
  const { committeeId = '' } = useParams();
  const committee = useCommittee(committeeId);
  const me = useMe();
  if (committee.isPending || me.isPending)
    return (
      <StateView state="pending" onRetry={() => undefined} rows={5}>
        {null}
      </StateView>
    );
  if (!canEditRegisters(committee.data?.role) || !me.data) return <p className="notice">{t('form.notAllowed')}</p>;
  return <RegisterCreator register={register} committeeId={committeeId} clearance={me.data.clearance} />;
}

/** `…/:id/edit`: the form on the stored record, for those who may edit. */
export function RegisterEditPage<E extends RegisterType, C extends object>({ register }: { register: Register<E, C> }) {
  const { t } = useTranslation();
  const { record, blocker, canEdit, clearance } = register.useRecordPage();
  if (blocker || !record) return blocker;
  if (!canEdit || !clearance) return <p className="notice">{t('form.notAllowed')}</p>;
  return <RegisterEditor key={record.id} register={register} record={record} clearance={clearance} />;
}

/**
 * The frame of a record's page: back to the list, title, badges, edit and delete for those who
 * may, then the register's own sections (children) and the record's links.
 */
export function RegisterDetail<E extends RegisterType, C extends object>({
  register,
  record,
  role,
  title,
  badges,
  children,
}: {
  register: Register<E, C>;
  record: { id: string; committeeId: string; version: number };
  /** The reader's role in the committee: it decides editing and managing links. */
  role: string | undefined;
  title: string;
  badges: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const remove = register.useRemove(record);
  const back = register.listPath(record.committeeId);
  const canEdit = canEditRegisters(role);
  return (
    <article className="detail register-detail" aria-labelledby="detail-title">
      <BackLink to={back} text={t('registers.backToList')} />
      <header className="detail__header">
        <h1 id="detail-title">{title}</h1>
        <div className="detail__badges">
          {badges}
          <FollowToggle entityType={register.type} entityId={record.id} />
        </div>
        {canEdit && (
          <div className="detail__actions">
            <Link className="button" to={`${back}/${record.id}/edit`}>
              {t('registers.edit')}
            </Link>
            <button
              type="button"
              className="button button--danger"
              disabled={remove.isPending}
              onClick={() =>
                window.confirm(t('registers.confirmDelete')) && remove.mutate(record.version, { onSuccess: () => navigate(back) })
              }
            >
              {t('registers.delete')}
            </button>
          </div>
        )}
      </header>
      {children}
      <LinksPanel recordId={record.id} committeeId={record.committeeId} canEdit={canManageLinks(role)} canRaiseAction={canEdit} />
    </article>
  );
}
