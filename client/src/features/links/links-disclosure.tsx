import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LinksPanel, type LinksPanelProps } from './links-panel.tsx';

/** The links panel folded away (an agenda item's row): it reads the links only once opened. */
export function LinksDisclosure(props: LinksPanelProps) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <details className="links-disclosure" onToggle={(e) => setOpen(e.currentTarget.open)} data-testid="links-disclosure">
      <summary>{t('links.title')}</summary>
      {open && <LinksPanel {...props} />}
    </details>
  );
}
