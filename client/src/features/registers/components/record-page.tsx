import type { Classification, Committee } from '@sidang/shared';
import type { ReactElement } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../../lib/api/api-client.ts';
import { viewStateOf } from '../../../lib/offline/view-state.ts';
import type { RemovedMarker } from '../../../lib/realtime/cache-apply.ts';
import { useMe } from '../../auth/index.ts';
import { useCommittee } from '../../committees/index.ts';
import { RecordProblem, StateView } from './register-ui.tsx';

interface RecordQuery<T> {
  data: T | undefined;
  isError: boolean;
  error: unknown;
  fetchStatus: 'fetching' | 'paused' | 'idle';
  refetch: () => unknown;
}

/** What a register record page shows before its record: removed, missing, failed, loading. */
export function useRecordBlocker<T>(
  query: RecordQuery<T>,
  removed: RemovedMarker | undefined,
  committeeId: string,
  back: string,
): { blocker: ReactElement | null; committee: Committee | undefined; clearance: Classification | undefined } {
  const { t } = useTranslation();
  const committee = useCommittee(committeeId);
  const me = useMe();
  const state = viewStateOf(query);
  let blocker: ReactElement | null = null;
  if (removed) {
    blocker = (
      <RecordProblem back={back} text={removed.reason === 'deleted' ? t('registers.removedDeleted') : t('registers.removedHidden')} />
    );
  } else if (state === 'error') {
    blocker = isApiError(query.error, 404) ? (
      <RecordProblem back={back} text={t('registers.notFound')} />
    ) : (
      <RecordProblem back={back} text={t('app.errorGeneric')} onRetry={() => void query.refetch()} />
    );
  } else if (state !== 'success') {
    blocker = (
      <StateView state={state} onRetry={() => void query.refetch()} rows={5}>
        {null}
      </StateView>
    );
  }
  return { blocker, committee: committee.data, clearance: me.data?.clearance };
}
