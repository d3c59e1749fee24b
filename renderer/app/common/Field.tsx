import type { ReactNode } from 'react';

export function Field({ label, hint, error, children }: { label: string; hint?: ReactNode; error?: string | undefined; children: ReactNode }) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      {children}
      {hint !== undefined && <span className="field-hint">{hint}</span>}
      {error !== undefined && <span className="field-error" role="alert">{error}</span>}
    </label>
  );
}
