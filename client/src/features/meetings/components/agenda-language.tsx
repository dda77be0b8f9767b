import { AGENDA_LANGUAGES, type AgendaLanguage } from '@sidang/shared';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api/api-client.ts';
import { RetryNotice } from '../../../lib/ui/retry-notice.tsx';
import { useCommitteeSettings, useUpdateCommitteeSettings } from '../hooks/use-meeting-panels.ts';
import '../load-strings.ts';

/**
 * The committee's `agendaLanguage`: the language of the standard opening items of its new
 * meetings (Bahasa Malaysia unless set). A committee setting, saved as soon as it is picked (the
 * chair and the secretariat), beside the choice of a standard agenda.
 */
export function AgendaLanguageControl({ committeeId }: { committeeId: string }) {
  const { t } = useTranslation();
  const id = useId();
  const settings = useCommitteeSettings(committeeId);
  const save = useUpdateCommitteeSettings(committeeId);
  if (settings.isPending) {
    return (
      <p className="muted" role="status" data-testid="agenda-language">
        {t('meetings.agendaLanguage.loading')}
      </p>
    );
  }
  if (settings.isError) {
    return <RetryNotice message={t('meetings.agendaLanguage.loadFailed')} onRetry={() => void settings.refetch()} />;
  }
  const { version, agendaLanguage } = settings.data;
  const pick = (language: AgendaLanguage) => {
    if (language !== agendaLanguage) save.mutate({ version, agendaLanguage: language });
  };
  return (
    <fieldset className="agenda-language" data-testid="agenda-language" aria-describedby={`${id}-note`} disabled={save.isPending}>
      <legend>{t('meetings.agendaLanguage.heading')}</legend>
      {AGENDA_LANGUAGES.map((language) => (
        <label key={language} className="agenda-language__option">
          <input
            type="radio"
            name={`${id}-language`}
            value={language}
            checked={agendaLanguage === language}
            onChange={() => pick(language)}
          />{' '}
          {t(`meetings.agendaLanguage.${language}`)}
        </label>
      ))}
      <p id={`${id}-note`} className="muted agenda-language__note">
        {t('meetings.agendaLanguage.note')}
      </p>
      <span role="status" className="muted">
        {save.isPending ? t('meetings.agendaLanguage.saving') : save.isSuccess ? t('meetings.agendaLanguage.saved') : ''}
      </span>
      {save.isError && (
        <span className="field__error" role="alert">
          {isApiError(save.error, 409) ? t('meetings.agendaLanguage.conflict') : t('meetings.agendaLanguage.saveFailed')}
        </span>
      )}
    </fieldset>
  );
}
