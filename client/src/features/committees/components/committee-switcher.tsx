import type { Committee } from '@sidang/shared';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { CompactSelect } from '../../../lib/ui/compact-select.tsx';

export interface CommitteeSwitcherProps {
  committees: readonly Committee[];
  currentId: string | undefined;
  className?: string;
}

/**
 * A native select of the user's committees: on a phone, where the side list is hidden, it is
 * the way to another committee. Choosing one opens its home page.
 */
export function CommitteeSwitcher({ committees, currentId, className }: CommitteeSwitcherProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  if (committees.length < 2) return null;
  return (
    <CompactSelect
      boxClassName={['committee-switcher', className].filter(Boolean).join(' ')}
      label={t('workspace.committeeSwitchHint')}
      data-testid="committee-switcher"
      value={currentId ?? ''}
      onChange={(event) => {
        if (event.target.value) navigate(`/c/${event.target.value}`);
      }}
    >
      {!currentId && <option value="">{t('workspace.committeeSwitch')}</option>}
      {committees.map((committee) => (
        <option key={committee.id} value={committee.id}>
          {committee.code}
        </option>
      ))}
    </CompactSelect>
  );
}
