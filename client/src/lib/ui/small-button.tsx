import type { ButtonHTMLAttributes } from 'react';

/** How a small button looks beyond the base `.button` (app/styles.css). */
export type SmallButtonLook = 'ghost' | 'primary' | 'plain';

/**
 * A small action that submits nothing (`.button.button--small`, ghost unless told): the row and
 * form actions of meetings, papers and minutes. Every other button attribute passes through.
 */
export function SmallButton({
  look = 'ghost',
  className,
  ...button
}: Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'type'> & { look?: SmallButtonLook }) {
  const classes = ['button button--small', look === 'plain' ? undefined : `button--${look}`, className].filter(Boolean).join(' ');
  return <button type="button" className={classes} {...button} />;
}
