import { type Member, ROLES, type Role } from '@sidang/shared';
import { personLabel } from '@sidang/shared/constants';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ClassificationBadge } from '../../../lib/ui/badges.tsx';
import { FormError, SelectField } from '../../../lib/ui/form/index.ts';
import { RetryNotice } from '../../../lib/ui/retry-notice.tsx';
import { useMe } from '../../auth/index.ts';
import { type AdminFieldErrors, serverFieldErrors } from '../hooks/admin-errors.ts';
import { useManagedMembers, useMemberCandidates, usePutMember, useRemoveMember } from '../hooks/use-admin.ts';
import { AdminStatus } from './admin-status.tsx';
import { AdminList, AdminTable } from './admin-table.tsx';
import { Confirm } from './confirm.tsx';

export interface MembersManagerProps {
  committeeId: string;
  /** Shown in headings and confirmations, e.g. JTK-REE. */
  committeeCode: string;
  /** Administrators read the list through the admin endpoint (they need not be members). */
  asAdmin: boolean;
}

function AddMember({ committeeId, onDone }: { committeeId: string; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const candidates = useMemberCandidates(committeeId);
  const put = usePutMember(committeeId);
  const [userId, setUserId] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [errors, setErrors] = useState<AdminFieldErrors>({});

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!userId) {
      setErrors({ userId: 'required' });
      document.getElementById(`${id}-userId`)?.focus();
      return;
    }
    const name = candidates.data?.find((c) => c.id === userId)?.name ?? '';
    put.mutate(
      { userId, role },
      {
        onSuccess: () => {
          setUserId('');
          onDone(t('admin.members.added', { name }));
        },
        onError: (error) => setErrors(serverFieldErrors(error, t)),
      },
    );
  };

  if (candidates.isError) return <RetryNotice message={t('admin.errors.loadFailed')} onRetry={() => void candidates.refetch()} />;
  return (
    <form className="form admin-form admin-form--inline" onSubmit={submit} noValidate aria-labelledby={`${id}-heading`}>
      <h3 id={`${id}-heading`}>{t('admin.members.add')}</h3>
      <FormError message={errors.form} />
      {candidates.data?.length === 0 ? (
        <p className="muted">{t('admin.members.noCandidates')}</p>
      ) : (
        <div className="form__grid">
          <SelectField
            idPrefix={id}
            name="userId"
            label={t('admin.members.person')}
            required
            value={userId}
            disabled={candidates.isPending}
            onChange={(e) => {
              setUserId(e.target.value);
              setErrors({});
            }}
            error={errors.userId}
          >
            <option value="">{candidates.isPending ? t('app.loading') : t('admin.members.choose')}</option>
            {candidates.data?.map((c) => (
              <option key={c.id} value={c.id}>
                {personLabel(c)} — {c.email}
              </option>
            ))}
          </SelectField>
          <SelectField
            idPrefix={id}
            name="role"
            label={t('admin.members.role')}
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
            error={errors.role}
          >
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`roles.${r}`)}
              </option>
            ))}
          </SelectField>
          <div className="admin-form__submit">
            <button type="submit" className="button button--primary" disabled={put.isPending}>
              {put.isPending ? t('admin.form.saving') : t('admin.members.addButton')}
            </button>
          </div>
        </div>
      )}
    </form>
  );
}

function MemberRow({
  member,
  committeeId,
  committeeCode,
  isSelf,
  onDone,
}: {
  member: Member;
  committeeId: string;
  committeeCode: string;
  /** The signed-in user's own membership: another administrator changes it (the server refuses with `self_change`). */
  isSelf: boolean;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const put = usePutMember(committeeId);
  const remove = useRemoveMember(committeeId);
  const [role, setRole] = useState<Role>(member.role);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const fail = (cause: unknown) => {
    const errors = serverFieldErrors(cause, t);
    setError(errors.role ?? errors.form ?? Object.values(errors)[0] ?? null);
  };

  return (
    <tr data-user-id={member.userId} className={member.active ? undefined : 'admin-table__row--inactive'}>
      <th scope="row" className="admin-table__name">
        {member.name}
        {!member.active && <span className="badge badge--cancelled admin-table__tag">{t('admin.users.inactive')}</span>}
      </th>
      <td data-label={t('admin.users.agency')}>{member.agency}</td>
      <td data-label={t('admin.users.clearance')}>
        {member.clearance ? <ClassificationBadge level={member.clearance} as="clearance" /> : '—'}
      </td>
      <td data-label={t('admin.members.role')}>
        {isSelf ? (
          <>
            {t(`roles.${member.role}`)}
            <p className="field__hint">{t('admin.members.selfHint')}</p>
          </>
        ) : (
          <form
            className="admin-role"
            onSubmit={(event) => {
              event.preventDefault();
              setError(null);
              put.mutate(
                { userId: member.userId, role },
                { onSuccess: () => onDone(t('admin.members.roleChanged', { name: member.name, role: t(`roles.${role}`) })), onError: fail },
              );
            }}
          >
            <label className="visually-hidden" htmlFor={`${id}-role`}>
              {t('admin.members.roleOf', { name: member.name })}
            </label>
            <select
              id={`${id}-role`}
              value={role}
              onChange={(e) => setRole(e.target.value as Role)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
            {role !== member.role && (
              <button type="submit" className="button button--small button--primary" disabled={put.isPending}>
                {t('admin.members.apply')}
              </button>
            )}
          </form>
        )}
        {error && (
          <p className="field__error" id={`${id}-error`}>
            {error}
          </p>
        )}
      </td>
      <td className="admin-table__actions">
        {isSelf ? null : confirming ? (
          <Confirm
            message={t('admin.members.confirmRemove', { name: member.name, committee: committeeCode })}
            confirmLabel={t('admin.members.remove')}
            busy={remove.isPending}
            onConfirm={() =>
              remove.mutate(member.userId, {
                onSuccess: () => onDone(t('admin.members.removed', { name: member.name })),
                onError: (cause) => {
                  setConfirming(false);
                  fail(cause);
                },
              })
            }
            onCancel={() => setConfirming(false)}
          />
        ) : (
          <button
            type="button"
            className="button button--small button--danger"
            aria-label={t('admin.members.removeOf', { name: member.name })}
            onClick={() => setConfirming(true)}
          >
            {t('admin.members.remove')}
          </button>
        )}
      </td>
    </tr>
  );
}

/** The members of one committee: add with a role, change a role, remove after confirming. */
export function MembersManager({ committeeId, committeeCode, asAdmin }: MembersManagerProps) {
  const { t } = useTranslation();
  const members = useManagedMembers(committeeId, asAdmin);
  const me = useMe();
  const [status, setStatus] = useState<string | null>(null);

  return (
    <section aria-labelledby="admin-members-title" className="admin-members">
      <h2 id="admin-members-title">{t('admin.members.titleOf', { code: committeeCode })}</h2>
      <AdminStatus message={status} />
      <AddMember committeeId={committeeId} onDone={setStatus} />
      <AdminList query={members} emptyText={t('admin.members.empty')}>
        {(list) => (
          <AdminTable
            testId="members-table"
            caption={t('admin.members.titleOf', { code: committeeCode })}
            columns={['admin.users.name', 'admin.users.agency', 'admin.users.clearance', 'admin.members.role']}
          >
            {list.map((member) => (
              <MemberRow
                key={`${member.userId}-${member.version}`}
                member={member}
                committeeId={committeeId}
                committeeCode={committeeCode}
                isSelf={member.userId === me.data?.id}
                onDone={setStatus}
              />
            ))}
          </AdminTable>
        )}
      </AdminList>
    </section>
  );
}
