import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api/api-client.ts';
import { useCommitteeSettings, useUpdateCommitteeSettings } from '../hooks/use-meeting-panels.ts';
import '../load-strings.ts';

/**
 * The committee's setting that withholds an agenda item's papers from whoever stepped out of it
 * over a declared interest (the server applies it on every channel). The chair and the
 * secretariat switch it; nobody else sees the control.
 */
export function RecusedWithoutPapersControl({ committeeId, canManage }: { committeeId: string; canManage: boolean }) {
  const { t } = useTranslation();
  const hintId = useId();
  const settings = useCommitteeSettings(committeeId);
  const save = useUpdateCommitteeSettings(committeeId);
  if (!settings.data || !canManage) return null;
  const { version, recusedWithoutPapers } = settings.data;
  return (
    <div className="quorum-rule">
      <label>
        <input
          type="checkbox"
          checked={recusedWithoutPapers}
          disabled={save.isPending}
          aria-describedby={hintId}
          onChange={(event) => save.mutate({ version, recusedWithoutPapers: event.target.checked })}
          data-testid="recused-without-papers"
        />{' '}
        {t('meetings.recusedWithoutPapers.label')}
      </label>{' '}
      <span id={hintId} className="muted">
        {t('meetings.recusedWithoutPapers.hint')}
      </span>
      {save.isError && (
        <span className="field__error" role="alert">
          {isApiError(save.error, 409) ? t('meetings.recusedWithoutPapers.conflict') : t('meetings.recusedWithoutPapers.saveFailed')}
        </span>
      )}
    </div>
  );
}
