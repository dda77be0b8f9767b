import { CLASSIFICATIONS, type Classification, classificationLevel } from '@sidang/shared/constants';
import type { TFunction } from 'i18next';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/api-client.ts';

/**
 * The level a record raised from another (an action from an agenda item or a passage of the
 * minutes, a decision, a paper) inherits: the highest of its origin chain, as the server takes it
 * when no classification is sent. `from` names the origin in the UI language ("agenda item 3.2").
 */
export interface Inheritance {
  level: Classification;
  from: string;
}

/** The highest of `levels` (OPEN for none). */
export function highestLevel(...levels: readonly Classification[]): Classification {
  return levels.reduce<Classification>((top, level) => (classificationLevel(level) > classificationLevel(top) ? level : top), 'OPEN');
}

/** Whether `chosen` is below what the record inherits: then a reason for declassification is required. */
export function isBelowOrigin(chosen: Classification, inherited: Inheritance | undefined): boolean {
  return inherited !== undefined && classificationLevel(chosen) < classificationLevel(inherited.level);
}

/** The reason a request sends with `chosen`: only when below the origin, and then trimmed. */
export function reasonToSend(chosen: Classification, inherited: Inheritance | undefined, reason: string): string | undefined {
  return isBelowOrigin(chosen, inherited) ? reason.trim() : undefined;
}

/**
 * The classification a request sends: none when it is the inherited one, so the server applies
 * the origin's level as it stands when the record is written (even if raised meanwhile).
 */
export function classificationToSend(chosen: Classification, inherited: Inheritance | undefined): Classification | undefined {
  return inherited && chosen === inherited.level ? undefined : chosen;
}

/** The server's `below_origin` refusal in the UI language, or null for any other error. */
export function belowOriginText(t: TFunction, error: unknown): string | null {
  if (!isApiError(error, 400) || error.body.code !== 'below_origin') return null;
  const level = error.body.issues?.find((issue) => issue.code === 'below_origin')?.params?.level;
  const known = (CLASSIFICATIONS as readonly unknown[]).includes(level);
  return t('validation.belowOrigin', { level: known ? t(`classification.${level as Classification}`) : String(level ?? '') });
}

/** What a request for a derived record sends about its level (see `classificationToSend`, `reasonToSend`). */
export interface DerivedLevelPayload {
  classification?: Classification;
  declassificationReason?: string;
}

/**
 * A form's level for a record raised from another: the level picked (the inherited one at
 * first), the reason for declassification, and whether it is missing. `fieldProps` go to
 * `InheritedLevel`; `check()` flags a missing reason before sending; `payload()` is what the
 * request carries.
 */
export function useDerivedLevel(inherited: Inheritance) {
  const { t } = useTranslation();
  const [classification, setClassification] = useState<Classification>(inherited.level);
  const [reason, setReason] = useState('');
  const [reasonMissing, setReasonMissing] = useState(false);
  return {
    classification,
    setClassification,
    /** False, with the reason flagged, while a lower level is picked without a reason. */
    check(): boolean {
      const missing = isBelowOrigin(classification, inherited) && !reason.trim();
      setReasonMissing(missing);
      return !missing;
    },
    payload(): DerivedLevelPayload {
      const level = classificationToSend(classification, inherited);
      const declassificationReason = reasonToSend(classification, inherited, reason);
      return { ...(level ? { classification: level } : {}), ...(declassificationReason ? { declassificationReason } : {}) };
    },
    reset(): void {
      setClassification(inherited.level);
      setReason('');
      setReasonMissing(false);
    },
    fieldProps: {
      inherited,
      chosen: classification,
      reason,
      onReason: (value: string) => {
        setReason(value);
        if (value.trim()) setReasonMissing(false);
      },
      error: reasonMissing ? t('derived.reasonRequired') : undefined,
    },
  };
}

interface InheritedLevelProps {
  inherited: Inheritance;
  /** The level picked in the form. */
  chosen: Classification;
  reason: string;
  onReason: (reason: string) => void;
  /** Why the reason is refused (already in the UI language). */
  error?: string;
  disabled?: boolean;
  /** The reason input's id, for a form that moves focus to its first invalid field. */
  inputId?: string;
}

/**
 * "Inherited from agenda item 3.2 (Confidential)" under a classification picker and, once a lower
 * level is picked, the required reason for declassification (the server refuses it without).
 */
export function InheritedLevel({ inherited, chosen, reason, onReason, error, disabled, inputId }: InheritedLevelProps) {
  const { t } = useTranslation();
  const id = useId();
  const reasonId = inputId ?? `${id}-reason`;
  return (
    <>
      <p className="field__hint" data-testid="inherited-level">
        {t('derived.inherited', { origin: inherited.from, level: t(`classification.${inherited.level}`) })}
      </p>
      {isBelowOrigin(chosen, inherited) && (
        <div className="field" data-testid="declassification">
          <label htmlFor={reasonId}>
            {t('derived.reason')} <span className="field__required">({t('form.required')})</span>
          </label>
          <textarea
            id={reasonId}
            name="declassificationReason"
            rows={2}
            maxLength={500}
            aria-required
            disabled={disabled}
            value={reason}
            onChange={(event) => onReason(event.target.value)}
            aria-invalid={error ? true : undefined}
            aria-describedby={[`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ')}
          />
          <p className="field__hint" id={`${id}-hint`}>
            {t('derived.reasonHint')}
          </p>
          {error && (
            <p className="field__error" id={`${id}-error`} role="alert">
              {error}
            </p>
          )}
        </div>
      )}
    </>
  );
}
