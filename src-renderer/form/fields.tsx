import type { InputHTMLAttributes, ReactNode } from 'react';
import { type FieldPath, type FieldValues, get, type UseFormReturn, useController } from 'react-hook-form';
import { type ControlProps, Field } from '../components/Field';

/**
 * The form layer's controls: a `Field` (label, hint, inline error, test ids) bound to one value of a
 * react-hook-form form by name. A mask (`formatPhone`, `formatCep`, `maskDateBR`) shapes the text as
 * it is typed; the check runs on leaving the field and again on every change once it showed an error.
 */
interface BaseProps<V extends FieldValues, N extends FieldPath<V>> {
  form: UseFormReturn<V>;
  name: N;
  label: ReactNode;
  hint?: ReactNode;
  optional?: boolean;
  className?: string;
}

export interface FieldBinding {
  value: unknown;
  onChange: (value: unknown) => void;
  onBlur: () => void;
  ref: (element: HTMLElement | null) => void;
}

/** The message under a field, whatever form key it sits under (`address.cep`). */
export function fieldError<V extends FieldValues>(form: UseFormReturn<V>, name: string): string | undefined {
  const found = get(form.formState.errors, name) as { message?: unknown } | undefined;
  return typeof found?.message === 'string' ? found.message : undefined;
}

/** Any control: `children` gets the ARIA/test-id props and the value binding. */
export function FormField<V extends FieldValues, N extends FieldPath<V>>({
  form,
  name,
  label,
  hint,
  optional,
  className,
  children,
}: BaseProps<V, N> & { children: (control: ControlProps, binding: FieldBinding) => ReactNode }) {
  const { field } = useController({ control: form.control, name });
  const binding: FieldBinding = {
    value: field.value,
    onChange: (value) => field.onChange(value),
    onBlur: field.onBlur,
    ref: (element) => field.ref(element),
  };
  return (
    <Field
      name={name}
      label={label}
      error={fieldError(form, name)}
      hint={hint}
      optional={optional}
      className={className}
    >
      {(control) => children(control, binding)}
    </Field>
  );
}

type InputAttributes = Omit<InputHTMLAttributes<HTMLInputElement>, 'name' | 'value' | 'onChange' | 'onBlur' | 'form'>;

/** A one-line text box; `mask` reshapes what is typed (digits into `(11) 98765-4321`). */
export function TextField<V extends FieldValues, N extends FieldPath<V>>({
  mask,
  input,
  ...props
}: BaseProps<V, N> & { mask?: (text: string) => string; input?: InputAttributes }) {
  return (
    <FormField {...props}>
      {(control, binding) => (
        <input
          autoComplete="off"
          {...input}
          {...control}
          ref={binding.ref}
          value={typeof binding.value === 'string' ? binding.value : ''}
          onChange={(e) => binding.onChange(mask ? mask(e.target.value) : e.target.value)}
          onBlur={binding.onBlur}
        />
      )}
    </FormField>
  );
}

export function TextAreaField<V extends FieldValues, N extends FieldPath<V>>({
  rows = 3,
  maxLength,
  ...props
}: BaseProps<V, N> & { rows?: number; maxLength?: number }) {
  return (
    <FormField {...props}>
      {(control, binding) => (
        <textarea
          {...control}
          ref={binding.ref}
          rows={rows}
          maxLength={maxLength}
          value={typeof binding.value === 'string' ? binding.value : ''}
          onChange={(e) => binding.onChange(e.target.value)}
          onBlur={binding.onBlur}
        />
      )}
    </FormField>
  );
}

export interface Option {
  value: string;
  label: string;
}

/** A choice among options; `blank` adds an empty first option (shown as the given text). */
export function SelectField<V extends FieldValues, N extends FieldPath<V>>({
  options,
  blank,
  ...props
}: BaseProps<V, N> & { options: readonly Option[]; blank?: string }) {
  return (
    <FormField {...props}>
      {(control, binding) => {
        const value = typeof binding.value === 'string' ? binding.value : '';
        return (
          <select
            {...control}
            ref={binding.ref}
            value={value}
            onChange={(e) => binding.onChange(e.target.value)}
            onBlur={binding.onBlur}
          >
            {blank !== undefined && <option value="">{blank}</option>}
            {value && !options.some((o) => o.value === value) && <option value={value}>{value}</option>}
            {options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </select>
        );
      }}
    </FormField>
  );
}

/** A contract refusal the form has no field for (kept under `root` by the resolver). */
export function FormRootError<V extends FieldValues>({ form }: { form: UseFormReturn<V> }) {
  const message = fieldError(form, 'root');
  if (!message) return null;
  return (
    <p className="field-error" role="alert" data-testid="form-root-error">
      {message}
    </p>
  );
}
