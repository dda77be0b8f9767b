import { CLASSIFICATIONS, type Classification, classificationLevel } from '@sidang/shared';
import { useTranslation } from 'react-i18next';

/** Levels a user may give: up to their clearance. */
export function levelsUpTo(clearance: Classification | undefined): Classification[] {
  return CLASSIFICATIONS.filter((level) => classificationLevel(level) <= classificationLevel(clearance ?? 'OPEN'));
}

/** The options of a classification select, named in the UI language (all levels by default). */
export function ClassificationOptions({ levels = CLASSIFICATIONS }: { levels?: readonly Classification[] }) {
  const { t } = useTranslation();
  return (
    <>
      {levels.map((level) => (
        <option key={level} value={level}>
          {t(`classification.${level}`)}
        </option>
      ))}
    </>
  );
}

/**
 * A select of the classifications a user may give (up to `clearance`), above `min` when set (a
 * field's level is above its record's); `noneLabel` offers "no level of its own" as the empty value.
 */
export function ClassificationSelect({
  id,
  value,
  onChange,
  clearance,
  min,
  noneLabel,
  label,
}: {
  id: string;
  value: Classification | '';
  onChange: (value: Classification | '') => void;
  clearance: Classification | undefined;
  min?: Classification;
  noneLabel?: string;
  label: string;
}) {
  const levels = levelsUpTo(clearance).filter((level) => !min || classificationLevel(level) > classificationLevel(min));
  if (value && !levels.includes(value)) levels.push(value);
  return (
    <label className="field field--inline" htmlFor={id}>
      <span>{label}</span>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value as Classification | '')}>
        {noneLabel !== undefined && <option value="">{noneLabel}</option>}
        <ClassificationOptions levels={levels} />
      </select>
    </label>
  );
}
