import { useState } from 'react';
import type { AppError, FieldErrors } from '../../src-shared/errors';
import { toAppError } from '../api/http';
import { remoteChanged, type ServerErrorOutcome } from '../lib/edit-form';

export interface VersionGuardOptions<V, R extends { version: number }> {
  /** The id of the record being edited; null when creating. */
  id: number | null;
  /** The values the form starts from (read once). */
  initial: () => V;
  /** The version the form was loaded at (0 when creating). */
  version: number;
  /** The version the server has now (live updates); differs from ours when someone else saved. */
  latestVersion?: number;
  /** Fetches the record afresh ("Recarregar"); absent when creating. */
  reload?: () => Promise<R | null>;
  toValues: (record: R) => V;
  /** Carries the user's edits (mine, against original) over onto the fresh values. */
  rebase: (original: V, mine: V, fresh: V) => V;
}

export interface SaveSteps<V, U> {
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
}

export interface VersionGuard<V> {
  /** What this form was loaded from (values and version): the base of the diff and of the 409 check. */
  base: { values: V; version: number };
  general: AppError | null;
  /** A 409 said so, or a live update brought a newer version. */
  showStale: boolean;
  reloading: boolean;
  reloaded: boolean;
  setReloaded: (reloaded: boolean) => void;
  /** The version an update names: the one loaded plus this form's own bumps. */
  expectedVersion: number;
  /** A change made from this form moved the record's version by one (not "someone else"). */
  bumpOwnVersion: () => void;
  /** Fetches the record again and hands the rebased values (what the user typed kept) to `apply`. */
  reloadInto: (mine: V, apply: (values: V) => void) => Promise<void>;
  /** Creates or updates (naming the version read); the field errors to show, or null when none. */
  save: (values: V, steps: SaveSteps<V, unknown>) => Promise<FieldErrors | null>;
}

/**
 * The version half of every edit form, whoever holds the values (`useEditForm` keeps them in React
 * state, `useContractForm` in react-hook-form): the version an update names, 409 and live updates
 * flag the form stale, "Recarregar" rebases what the user typed onto the fresh record, and a
 * failed save becomes field errors or the banner.
 */
export function useVersionGuard<V, R extends { version: number }>(options: VersionGuardOptions<V, R>): VersionGuard<V> {
  const { id } = options;
  const [base, setBase] = useState(() => ({ values: options.initial(), version: options.version }));
  const [general, setGeneral] = useState<AppError | null>(null);
  const [stale, setStale] = useState(false);
  const [reloading, setReloading] = useState(false);
  const [reloaded, setReloaded] = useState(false);
  const [ownBumps, setOwnBumps] = useState(0);

  const expectedVersion = base.version + ownBumps;
  const showStale = stale || remoteChanged(id !== null, options.latestVersion, expectedVersion);

  const reloadInto = async (mine: V, apply: (values: V) => void) => {
    const { reload, toValues, rebase } = options;
    if (!reload) return;
    setReloading(true);
    try {
      const fresh = await reload();
      if (fresh) {
        const freshValues = toValues(fresh);
        apply(rebase(base.values, mine, freshValues));
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

  const save = async (values: V, steps: SaveSteps<V, unknown>): Promise<FieldErrors | null> => {
    setGeneral(null);
    try {
      if (id === null) {
        await steps.create(values);
        return null;
      }
      const input = steps.toUpdateInput(base.values, values, { id, version: expectedVersion });
      if (input === null) {
        steps.onUnchanged(id);
        return null;
      }
      await steps.update(input);
      return null;
    } catch (err) {
      const error = toAppError(err);
      if (error.code === 'STALE_VERSION') {
        setStale(true);
        return null;
      }
      const outcome = steps.serverErrors(error, values);
      if (!outcome) {
        setGeneral(error);
        return null;
      }
      if (outcome.general) setGeneral(error);
      return outcome.fields;
    }
  };

  return {
    base,
    general,
    showStale,
    reloading,
    reloaded,
    setReloaded,
    expectedVersion,
    bumpOwnVersion: () => setOwnBumps((n) => n + 1),
    reloadInto,
    save,
  };
}
