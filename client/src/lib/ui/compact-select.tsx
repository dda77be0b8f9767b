import { type ReactNode, type SelectHTMLAttributes, useId } from 'react';

/**
 * A select whose label only screen readers hear, in a box of its own: the top bar's language
 * and committee switchers. Every other select attribute passes through.
 */
export function CompactSelect({
  label,
  boxClassName,
  children,
  ...select
}: Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & { label: string; boxClassName: string; children: ReactNode }) {
  const id = useId();
  return (
    <div className={boxClassName}>
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <select id={id} {...select}>
        {children}
      </select>
    </div>
  );
}
