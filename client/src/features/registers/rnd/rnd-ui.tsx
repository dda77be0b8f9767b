import type { ValueChainStage } from '@sidang/shared';
import { useTranslation } from 'react-i18next';

/** TRL now → target on the 1–9 scale, in words for assistive technology. */
export function TrlBar({ now, target }: { now: number; target: number }) {
  const { t } = useTranslation();
  const label = t('registers.rnd.trlNowTarget', { now, target });
  return (
    <span className="trl" role="img" aria-label={label} title={label} data-testid="trl-bar">
      <span className="trl__track" aria-hidden="true">
        {Array.from({ length: 9 }, (_, i) => {
          const level = i + 1;
          const kind = level <= now ? 'done' : level <= target ? 'target' : 'rest';
          return <span key={level} className={`trl__cell trl__cell--${kind}`} />;
        })}
      </span>
      <span className="trl__text" aria-hidden="true">
        {now}→{target}
      </span>
    </span>
  );
}

export function SlippingFlag() {
  const { t } = useTranslation();
  return (
    <span className="badge badge--slipping" data-testid="slipping">
      <span aria-hidden="true">⚠ </span>
      {t('registers.rnd.slipping')}
    </span>
  );
}

/** A value-chain stage's name in the UI language. */
export function stageName(stages: readonly ValueChainStage[] | undefined, code: string | null, language: string): string | undefined {
  if (!code) return undefined;
  const stage = stages?.find((s) => s.code === code);
  if (!stage) return code;
  return language === 'ms' ? stage.nameMs : stage.nameEn;
}
