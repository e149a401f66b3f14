import { type Dispatch, type FormEvent, type RefObject, type SetStateAction, useEffect, useRef, useState } from 'react';
import type { AppError, FieldErrors } from '../../src-shared/errors';
import { toAppError } from '../api/http';
import { remoteChanged, type ServerErrorOutcome } from '../lib/edit-form';

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
 * The editing state machine shared by the create/edit forms: validate, create or update (naming the
 * version read), map server errors to fields, flag a stale version (409 or live update) and reload,
 * rebasing what the user typed onto the fresh values.
 */
export function useEditForm<V, U, R extends { version: number }>(options: EditFormOptions<V, U, R>): EditForm<V> {
  const { id, validate, serverErrors } = options;
  const [base, setBase] = useState(() => ({ values: options.initial(), version: options.version }));
  const [values, setValues] = useState<V>(base.values);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [general, setGeneral] = useState<AppError | null>(null);
  const [stale, setStale] = useState(false);
  const [reloading, setReloading] = useState(false);
  const [reloaded, setReloaded] = useState(false);
  const [ownBumps, setOwnBumps] = useState(0);
  const [submits, setSubmits] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);

  // After a submit with errors, take the user to the first one.
  useEffect(() => {
    if (submits === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [submits]);

  const expectedVersion = base.version + ownBumps;
  const showStale = stale || remoteChanged(id !== null, options.latestVersion, expectedVersion);

  const check = (key: string) => {
    const found = validate(values)[key];
    if (found) setErrors((e) => ({ ...e, [key]: found }));
  };

  const doReload = async () => {
    const { reload, toValues, rebase } = options;
    if (!reload) return;
    setReloading(true);
    try {
      const fresh = await reload();
      if (fresh) {
        const freshValues = toValues(fresh);
        setValues((mine) => rebase(base.values, mine, freshValues));
        setBase({ values: freshValues, version: fresh.version });
        setOwnBumps(0);
        setStale(false);
        setReloaded(true);
        setGeneral(null);
      }
    } catch (error) {
      setGeneral(toAppError(error));
    } finally {
      setReloading(false);
    }
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setGeneral(null);
    const found = validate(values);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setSubmits((n) => n + 1);
      return;
    }
    try {
      if (id === null) {
        await options.create(values);
        return;
      }
      const input = options.toUpdateInput(base.values, values, { id, version: expectedVersion });
      if (input === null) {
        options.onUnchanged(id);
        return;
      }
      await options.update(input);
    } catch (err) {
      const error = toAppError(err);
      if (error.code === 'STALE_VERSION') {
        setStale(true);
        return;
      }
      const outcome = serverErrors(error, values);
      if (!outcome) {
        setGeneral(error);
        return;
      }
      setErrors(outcome.fields);
      setSubmits((n) => n + 1);
      if (outcome.general) setGeneral(error);
    }
  };

  return {
    base,
    values,
    setValues,
    errors,
    setErrors,
    general,
    showStale,
    reloading,
    reloaded,
    setReloaded,
    expectedVersion,
    bumpOwnVersion: () => setOwnBumps((n) => n + 1),
    formRef,
    check,
    doReload,
    submit,
  };
}
