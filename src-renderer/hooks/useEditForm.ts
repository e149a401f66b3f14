import { type Dispatch, type FormEvent, type RefObject, type SetStateAction, useEffect, useRef, useState } from 'react';
import type { AppError, FieldErrors } from '../../src-shared/errors';
import type { ServerErrorOutcome } from '../lib/edit-form';
import { type SaveSteps, useVersionGuard } from './useVersionGuard';

export interface EditFormOptions<V, U, R extends { version: number }> {
  /** The id of the record being edited; null when creating. */
  id: number | null;
  /** The values the form starts from (read once). */
  initial: () => V;
  /** The version the form was loaded at (0 when creating). */
  version: number;
  /** The version the server has now (live updates); differs from ours when someone else saved. */
  latestVersion?: number;
  validate: (values: V) => FieldErrors;
  /** Creates the record from the values, and whatever follows (toast, navigation). */
  create: (values: V) => Promise<unknown>;
  /** The update to send (naming the version read), or null when nothing changed. */
  toUpdateInput: (base: V, values: V, target: { id: number; version: number }) => U | null;
  /** Sends the update, and whatever follows (toast, navigation). */
  update: (input: U) => Promise<unknown>;
  /** Nothing changed since loading: what "Salvar" does then. */
  onUnchanged: (id: number) => void;
  /** Maps a failed save (other than STALE_VERSION); null shows just the banner. */
  serverErrors: (error: AppError, values: V) => ServerErrorOutcome | null;
  /** Fetches the record afresh ("Recarregar"); absent when creating. */
  reload?: () => Promise<R | null>;
  toValues: (record: R) => V;
  /** Carries the user's edits (mine, against original) over onto the fresh values. */
  rebase: (original: V, mine: V, fresh: V) => V;
}

export interface EditForm<V> {
  /** What this form was loaded from (values and version): the base of the diff and of the 409 check. */
  base: { values: V; version: number };
  values: V;
  setValues: Dispatch<SetStateAction<V>>;
  errors: FieldErrors;
  setErrors: Dispatch<SetStateAction<FieldErrors>>;
  general: AppError | null;
  /** A 409 said so, or a live update brought a newer version. */
  showStale: boolean;
  reloading: boolean;
  reloaded: boolean;
  setReloaded: Dispatch<SetStateAction<boolean>>;
  /** The version an update names: the one loaded plus this form's own bumps. */
  expectedVersion: number;
  /** A change made from this form moved the record's version by one (not "someone else"). */
  bumpOwnVersion: () => void;
  /** After a submit with errors, the first invalid control inside this form gets the focus. */
  formRef: RefObject<HTMLFormElement | null>;
  /** On leaving a field, check just that field (so errors do not appear while typing). */
  check: (key: string) => void;
  doReload: () => Promise<void>;
  submit: (event: FormEvent) => Promise<void>;
}

/**
 * An edit form whose values live in React state (the order form): validate, then the version half
 * (`useVersionGuard`: create or update naming the version read, 409 and live updates, reload keeping
 * what was typed). Forms declared with the contract's schemas use `form/useContractForm.ts` instead.
 */
export function useEditForm<V, U, R extends { version: number }>(options: EditFormOptions<V, U, R>): EditForm<V> {
  const { validate } = options;
  const guard = useVersionGuard<V, R>(options);
  const [values, setValues] = useState<V>(guard.base.values);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submits, setSubmits] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  // After a submit with errors, take the user to the first one.
  useEffect(() => {
    if (submits === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [submits]);

  const check = (key: string) => {
    const found = validate(values)[key];
    if (found) setErrors((e) => ({ ...e, [key]: found }));
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = validate(values);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setSubmits((n) => n + 1);
      return;
    }
    const fields = await guard.save(values, options as SaveSteps<V, unknown>);
    if (fields) {
      setErrors(fields);
      setSubmits((n) => n + 1);
    }
  };

  return {
    base: guard.base,
    values,
    setValues,
    errors,
    setErrors,
    general: guard.general,
    showStale: guard.showStale,
    reloading: guard.reloading,
    reloaded: guard.reloaded,
    setReloaded: (next) => guard.setReloaded(typeof next === 'function' ? next(guard.reloaded) : next),
    expectedVersion: guard.expectedVersion,
    bumpOwnVersion: guard.bumpOwnVersion,
    formRef,
    check,
    doReload: () => guard.reloadInto(values, setValues),
    submit,
  };
}
