import type { FormEvent } from 'react';
import { type DefaultValues, type FieldValues, type Path, type UseFormReturn, useForm } from 'react-hook-form';
import type { AppError } from '../../src-shared/errors';
import { type SaveSteps, useVersionGuard, type VersionGuardOptions } from '../hooks/useVersionGuard';
import { type ContractResolverOptions, contractResolver } from './contract-resolver';

export interface ContractFormOptions<V extends FieldValues, U, R extends { version: number }>
  extends VersionGuardOptions<V, R>,
    SaveSteps<V, U>,
    ContractResolverOptions<V> {}

export interface ContractForm<V extends FieldValues> {
  /** The react-hook-form instance: values, touched fields, errors (`form.formState.errors`). */
  form: UseFormReturn<V>;
  base: { values: V; version: number };
  general: AppError | null;
  showStale: boolean;
  reloading: boolean;
  reloaded: boolean;
  expectedVersion: number;
  bumpOwnVersion: () => void;
  doReload: () => Promise<void>;
  submit: (event?: FormEvent) => Promise<void>;
  saving: boolean;
}

/**
 * A declarative edit form: react-hook-form holds the values, `contractResolver` checks them with the
 * page's masks and the contract's zod schema (on leaving a field, then live once it showed an
 * error), and `useVersionGuard` does the rest every edit form shares — the version an update names,
 * 409/live-update stale banner, reload keeping what was typed, server field errors placed under
 * their fields (the first one focused).
 */
export function useContractForm<V extends FieldValues, U, R extends { version: number }>(
  options: ContractFormOptions<V, U, R>,
): ContractForm<V> {
  const guard = useVersionGuard<V, R>(options);
  const form = useForm<V>({
    // The values are plain data built by the page (`toValues`), cloned so the base stays untouched.
    defaultValues: structuredClone(guard.base.values) as DefaultValues<V>,
    resolver: contractResolver(options),
    mode: 'onTouched',
    reValidateMode: 'onChange',
    shouldFocusError: true,
  });

  const submit = form.handleSubmit(async (values) => {
    const fields = await guard.save(values, options as SaveSteps<V, unknown>);
    if (!fields) return;
    const keys = Object.keys(fields);
    for (const key of keys) form.setError(key as Path<V>, { type: 'server', message: fields[key] });
    const first = keys[0];
    if (first) {
      try {
        form.setFocus(first as Path<V>);
      } catch {
        // Not a focusable registered field (a group): the message is still shown.
      }
    }
  });

  return {
    form,
    base: guard.base,
    general: guard.general,
    showStale: guard.showStale,
    reloading: guard.reloading,
    reloaded: guard.reloaded,
    expectedVersion: guard.expectedVersion,
    bumpOwnVersion: guard.bumpOwnVersion,
    doReload: () =>
      guard.reloadInto(form.getValues(), (values) => {
        form.reset(values, { keepErrors: false });
      }),
    submit,
    saving: form.formState.isSubmitting,
  };
}
