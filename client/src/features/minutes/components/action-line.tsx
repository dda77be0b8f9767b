import type { ActionItem, ActionLine, Classification, MinutesSection } from '@sidang/shared';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { isApiError } from '../../../lib/api/api-client.ts';
import { belowOriginText, type Inheritance, InheritedLevel, useDerivedLevel } from '../../../lib/ui/inherited-level.tsx';
import { SmallButton } from '../../../lib/ui/small-button.tsx';
import { allowedClassifications, useCreateActionItem } from '../../action-items/index.ts';
import { useMe } from '../../auth/index.ts';
import { useUpdateSection } from '../hooks/use-minutes.ts';
import '../load-strings.ts';

/** "Tindakan: JMG, NRES" / "Tindakan: Untuk makluman", or nothing. */
export function actionLineText(line: ActionLine | null, information: string, action: (agencies: string) => string): string {
  if (!line) return '';
  if (line.kind === 'information') return information;
  return line.agencies.length > 0 ? action(line.agencies.join(', ')) : '';
}

export function parseAgencies(input: string): string[] {
  return [
    ...new Set(
      input
        .split(/[,;\n]/)
        .map((agency) => agency.trim().toUpperCase())
        .filter(Boolean),
    ),
  ];
}

/**
 * The agencies an action raised from a passage is for: those the passage itself names
 * ("Tindakan: JMG, NRES" / "Action: JMG"), else those of the section's action line.
 */
export function agenciesForRaise(quote: string, line: ActionLine | null): string[] {
  const named = /(?:^|\s)(?:tindakan|action)\s*:\s*([^\n]+)/i.exec(quote)?.[1] ?? '';
  const fromQuote = /^(untuk makluman|for information)\b/i.test(named.trim()) ? [] : parseAgencies(named);
  if (fromQuote.length > 0) return fromQuote;
  return line?.kind === 'action' ? [...line.agencies] : [];
}

interface ActionLineProps {
  section: MinutesSection;
  committeeId: string;
  /** The committee's action items, to name the linked ones. */
  actionItems: readonly Pick<ActionItem, 'id' | 'title' | 'status'>[];
  canEdit: boolean;
}

/** The section's action line, its linked action items and, for editors, its editor. */
export function ActionLineView({ section, committeeId, actionItems, canEdit }: ActionLineProps) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  const line = section.actionLine;
  const text = actionLineText(line, t('minutes.section.forInformation'), (agencies) => t('minutes.section.actionLine', { agencies }));
  const linked = line?.kind === 'action' ? line.actionItemIds : [];
  const byId = new Map(actionItems.map((item) => [item.id, item]));
  return (
    <div className="minutes-action-line" data-testid="action-line">
      {text ? <p className="minutes-action-line__text">{text}</p> : canEdit && <p className="muted">{t('minutes.section.noActionLine')}</p>}
      {linked.length > 0 && (
        <ul className="minutes-action-line__items">
          {linked.map((id) => (
            <li key={id}>
              <Link to={`/c/${committeeId}/actions/${id}`} data-testid="linked-action">
                {byId.get(id)?.title ?? t('minutes.section.action')}
              </Link>
            </li>
          ))}
        </ul>
      )}
      {canEdit && !editing && (
        <SmallButton className="minutes-no-print" onClick={() => setEditing(true)}>
          {t('minutes.section.editActionLine')}
        </SmallButton>
      )}
      {canEdit && editing && <ActionLineEditor section={section} onDone={() => setEditing(false)} />}
    </div>
  );
}

function ActionLineEditor({ section, onDone }: { section: MinutesSection; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateSection(section.id);
  const line = section.actionLine;
  const [kind, setKind] = useState<'action' | 'information' | 'none'>(line?.kind ?? 'none');
  const [agencies, setAgencies] = useState(line?.kind === 'action' ? line.agencies.join(', ') : '');
  const kindId = useId();
  const agenciesId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const actionLine: ActionLine | null =
      kind === 'none'
        ? null
        : kind === 'information'
          ? { kind: 'information' }
          : { kind: 'action', agencies: parseAgencies(agencies), actionItemIds: line?.kind === 'action' ? line.actionItemIds : [] };
    update.mutate({ version: section.version, actionLine }, { onSuccess: onDone });
  };
  return (
    <form className="minutes-action-line__form" onSubmit={submit} data-testid="action-line-form">
      <label htmlFor={kindId}>{t('minutes.section.kind')}</label>
      <select id={kindId} value={kind} onChange={(event) => setKind(event.target.value as typeof kind)}>
        <option value="action">{t('minutes.section.kindAction')}</option>
        <option value="information">{t('minutes.section.kindInformation')}</option>
        <option value="none">{t('minutes.section.kindNone')}</option>
      </select>
      {kind === 'action' && (
        <>
          <label htmlFor={agenciesId}>{t('minutes.section.agencies')}</label>
          <input id={agenciesId} value={agencies} onChange={(event) => setAgencies(event.target.value)} placeholder="JMG, NRES" />
        </>
      )}
      <div className="minutes-action-line__buttons">
        <button type="submit" className="button button--small button--primary" disabled={update.isPending}>
          {update.isPending ? t('minutes.section.saving') : t('minutes.section.save')}
        </button>
        <SmallButton onClick={onDone}>{t('minutes.section.cancel')}</SmallButton>
      </div>
      {update.isError && (
        <p className="notice notice--error" role="alert">
          {isApiError(update.error, 409) ? t('minutes.section.conflict') : t('minutes.section.saveFailed')}
        </p>
      )}
    </form>
  );
}

interface RaiseActionProps {
  section: MinutesSection;
  committeeId: string;
  /** The selected passage: the title it starts from. */
  quote: string;
  onDone: () => void;
}

/**
 * Raises an action item from a passage: title prefilled from the selection, owners the agencies
 * the passage (or the action line) names, origin the meeting, agenda item and minutes section,
 * whose level it inherits; then links it on the section's action line.
 */
export function RaiseActionForm({ section, committeeId, quote, onDone }: RaiseActionProps) {
  const { t } = useTranslation();
  const me = useMe();
  const create = useCreateActionItem(committeeId);
  const update = useUpdateSection(section.id);
  const [title, setTitle] = useState(quote.replace(/\s+/g, ' ').trim().slice(0, 200));
  const [agencies, setAgencies] = useState(agenciesForRaise(quote, section.actionLine).join(', '));
  // The section's level is already the highest of the meeting, the item and the section's own.
  const inherited: Inheritance = { level: section.classification, from: t('derived.fromSection', { number: section.number }) };
  const derived = useDerivedLevel(inherited);
  const { classification, setClassification } = derived;
  const levels = allowedClassifications(me.data?.clearance);
  if (!levels.includes(classification)) levels.push(classification);
  const titleId = useId();
  const agenciesId = useId();
  const classificationId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim() || !derived.check()) return;
    create.mutate(
      {
        title: title.trim(),
        ownerAgencies: parseAgencies(agencies),
        meetingId: section.meetingId,
        agendaItemId: section.agendaItemId,
        minutesSectionId: section.id,
        ...derived.payload(),
      },
      {
        onSuccess: (item) => {
          const line = section.actionLine;
          const actionLine: ActionLine = {
            kind: 'action',
            agencies: line?.kind === 'action' ? line.agencies : [],
            actionItemIds: [...(line?.kind === 'action' ? line.actionItemIds : []), item.id],
          };
          update.mutate({ version: section.version, actionLine }, { onSettled: onDone });
        },
      },
    );
  };
  return (
    <form className="minutes-raise" onSubmit={submit} data-testid="raise-action-form">
      <label htmlFor={titleId}>{t('minutes.section.raiseTitle')}</label>
      <input id={titleId} value={title} maxLength={200} onChange={(event) => setTitle(event.target.value)} />
      <label htmlFor={agenciesId}>{t('form.ownerAgencies')}</label>
      <input id={agenciesId} value={agencies} onChange={(event) => setAgencies(event.target.value)} placeholder="JMG, NRES" />
      <label htmlFor={classificationId}>{t('form.classification')}</label>
      <select id={classificationId} value={classification} onChange={(event) => setClassification(event.target.value as Classification)}>
        {levels.map((level) => (
          <option key={level} value={level}>
            {t(`classification.${level}`)}
          </option>
        ))}
      </select>
      <InheritedLevel {...derived.fieldProps} disabled={create.isPending} />
      <div className="minutes-action-line__buttons">
        <button
          type="submit"
          className="button button--small button--primary"
          disabled={create.isPending || update.isPending || !title.trim()}
        >
          {t('minutes.section.raise')}
        </button>
        <SmallButton onClick={onDone}>{t('minutes.section.cancel')}</SmallButton>
      </div>
      {(create.isError || update.isError) && (
        <p className="notice notice--error" role="alert">
          {belowOriginText(t, create.error) ?? t('minutes.section.raiseFailed')}
        </p>
      )}
    </form>
  );
}
