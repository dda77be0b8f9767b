import type { Classification } from '@sidang/shared/constants';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../../../../lib/api/api-context.tsx';
import { formatTimestamp } from '../../../../lib/dates.ts';
import { saveFile } from '../../../../lib/save-file.ts';
import { keepPack, keptPack } from './pack-offline.ts';
import '../../load-strings.ts';

/**
 * "Download pack": the meeting pack as the server compiles it for this reader, in their language;
 * the copy is kept on the device, so that without a network the last one downloaded still opens.
 */
export function PackDownload({
  meetingId,
  committeeId,
  title,
  userId,
  clearance,
}: {
  meetingId: string;
  committeeId: string;
  title: string;
  userId: string | undefined;
  clearance: Classification;
}) {
  const { t, i18n } = useTranslation();
  const api = useApi();
  const [state, setState] = useState<'idle' | 'busy' | 'failed'>('idle');
  const [savedAt, setSavedAt] = useState<string | null>(null);
  useEffect(() => {
    if (!userId) return;
    let live = true;
    keptPack(userId, meetingId)
      .then((kept) => live && setSavedAt(kept?.savedAt ?? null))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [userId, meetingId]);
  const fileName = `${title.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'meeting'}-pack.pdf`;
  const download = async () => {
    setState('busy');
    try {
      const { blob, filename } = await api.getBlob(`/api/meetings/${encodeURIComponent(meetingId)}/pack.pdf`, {
        lang: i18n.language === 'ms' ? 'ms' : 'en',
      });
      saveFile(blob, filename ?? fileName);
      if (userId) {
        const at = new Date();
        await keepPack({ userId, committeeId, level: clearance, meetingId }, blob, at).catch(() => undefined);
        setSavedAt(at.toISOString());
      }
      setState('idle');
    } catch {
      // Offline (or refused): the copy kept on this device, if there is one.
      const kept = userId ? await keptPack(userId, meetingId).catch(() => null) : null;
      if (kept) {
        saveFile(kept.pdf, fileName);
        setState('idle');
      } else setState('failed');
    }
  };
  return (
    <span className="pack-download">
      <button
        type="button"
        className="button button--ghost button--small"
        aria-label={t('pack.downloadFor', { title })}
        data-testid="pack-download"
        disabled={state === 'busy'}
        onClick={() => void download()}
      >
        {state === 'busy' ? t('pack.preparing') : t('pack.download')}
      </button>
      {savedAt && (
        <span
          className="muted pack-download__kept"
          data-testid="pack-kept"
          title={t('pack.offlineCopy', { at: formatTimestamp(savedAt, i18n.language) })}
        >
          {t('pack.offline')}
        </span>
      )}
      {state === 'failed' && (
        <span className="field__error" role="alert">
          {t('pack.failed')}
        </span>
      )}
    </span>
  );
}
