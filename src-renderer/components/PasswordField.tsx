import type { ReactNode } from 'react';
import { Field } from './Field';

/** A labelled password box; `autoComplete` tells the browser's password manager which one it is. */
export function PasswordField({
  name,
  label,
  error,
  hint,
  autoComplete,
  value,
  onChange,
}: {
  name: string;
  label: ReactNode;
  error: string | null | undefined;
  hint?: ReactNode;
  autoComplete: 'current-password' | 'new-password';
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <Field name={name} label={label} error={error} hint={hint}>
      {(p) => (
        <input
          {...p}
          type="password"
          autoComplete={autoComplete}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}
