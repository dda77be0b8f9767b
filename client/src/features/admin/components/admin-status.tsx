import { useEffect, useRef } from 'react';

/** A confirmation after a save; it takes focus so keyboard and screen reader users land on it. */
export function AdminStatus({ message }: { message: string | null }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  if (!message) return null;
  return (
    <p className="notice notice--ok" role="status" tabIndex={-1} ref={ref} data-testid="admin-status">
      {message}
    </p>
  );
}
