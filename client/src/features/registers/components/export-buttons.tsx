import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiClient, QueryValue } from '../../../lib/api/api-client.ts';
import { useApi } from '../../../lib/api/api-context.tsx';
import { saveFile } from '../../../lib/save-file.ts';
import type { ExportableList } from '../api/registers-api.ts';

// Kept apart from the register UI: the action list (a first screen) shows these buttons too.

/** Exports a list in CSV or XLSX with the filters on screen, through the signed-in API client. */
export async function downloadExport(
  api: ApiClient,
  committeeId: string,
  list: ExportableList,
  format: 'csv' | 'xlsx',
  filters: Record<string, QueryValue>,
): Promise<void> {
  const { blob, filename } = await api.getBlob(`/api/committees/${encodeURIComponent(committeeId)}/${list}/export`, { ...filters, format });
  saveFile(blob, filename ?? `${list}.${format}`);
}

export function ExportButtons({
  committeeId,
  list,
  filters,
}: {
  committeeId: string;
  list: ExportableList;
  filters: Record<string, QueryValue>;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [busy, setBusy] = useState<'csv' | 'xlsx' | null>(null);
  const [failed, setFailed] = useState(false);
  const run = async (format: 'csv' | 'xlsx') => {
    setBusy(format);
    setFailed(false);
    try {
      await downloadExport(api, committeeId, list, format, filters);
    } catch {
      setFailed(true);
    } finally {
      setBusy(null);
    }
  };
  return (
    <fieldset className="export-buttons" aria-label={t('registers.export')}>
      {(['csv', 'xlsx'] as const).map((format) => (
        <button
          key={format}
          type="button"
          className="button button--small"
          onClick={() => void run(format)}
          disabled={busy !== null}
          aria-busy={busy === format}
          data-testid={`export-${format}`}
        >
          {t(`registers.export_${format}`)}
        </button>
      ))}
      {failed && (
        <span className="field__error" role="alert">
          {t('registers.exportFailed')}
        </span>
      )}
    </fieldset>
  );
}
