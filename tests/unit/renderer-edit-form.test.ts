import { describe, expect, it } from 'vitest';
import { mapServerFields } from '../../src-renderer/lib/customer-form';
import { knownFieldsOutcome, mappedFieldsOutcome, remoteChanged } from '../../src-renderer/lib/edit-form';
import { AppError } from '../../src-shared/errors';
import { msg } from '../../src-shared/i18n';

const split = (fields: Record<string, string>) => {
  const known = ['name', 'email'];
  const entries = Object.entries(fields);
  return {
    fields: Object.fromEntries(entries.filter(([k]) => known.includes(k))),
    other: entries.filter(([k]) => !known.includes(k)).map(([k]) => k),
  };
};

describe('mappedFieldsOutcome', () => {
  it('is null when the answer names no fields (banner only)', () => {
    expect(mappedFieldsOutcome(new AppError('INTERNAL', msg('error.INTERNAL')), split)).toBeNull();
  });

  it('puts a VALIDATION error next to its fields, without the banner', () => {
    const error = AppError.rendered('VALIDATION', msg('error.VALIDATION'), { name: 'required' });
    expect(mappedFieldsOutcome(error, split)).toEqual({ fields: { name: 'required' }, general: false });
  });

  it('shows the banner too when some field has no place on the form', () => {
    const error = AppError.rendered('VALIDATION', msg('error.VALIDATION'), { name: 'required', nope: 'x' });
    expect(mappedFieldsOutcome(error, split)).toEqual({ fields: { name: 'required' }, general: true });
  });

  it('shows the banner when no field could be placed', () => {
    const error = AppError.rendered('VALIDATION', msg('error.VALIDATION'), { nope: 'x' });
    expect(mappedFieldsOutcome(error, split)).toEqual({ fields: {}, general: true });
  });

  it('shows the banner for a non-VALIDATION error with fields', () => {
    const error = AppError.rendered('CONFLICT', msg('error.CONFLICT'), { email: 'in use' });
    expect(mappedFieldsOutcome(error, split)).toEqual({ fields: { email: 'in use' }, general: true });
  });

  it('works with the customer mapping', () => {
    const error = AppError.rendered('VALIDATION', msg('error.VALIDATION'), { name: 'required' });
    expect(mappedFieldsOutcome(error, (f) => mapServerFields(f))).toEqual({
      fields: { name: 'required' },
      general: false,
    });
  });
});

describe('knownFieldsOutcome', () => {
  it('keeps the known fields, without the banner when all were known', () => {
    const error = AppError.rendered('VALIDATION', msg('error.VALIDATION'), { name: 'required' });
    expect(knownFieldsOutcome(error, ['name', 'price'])).toEqual({ fields: { name: 'required' }, general: false });
  });

  it('drops unknown fields and shows the banner', () => {
    const error = AppError.rendered('VALIDATION', msg('error.VALIDATION'), { name: 'required', other: 'x' });
    expect(knownFieldsOutcome(error, ['name'])).toEqual({ fields: { name: 'required' }, general: true });
  });

  it('clears field errors and shows the banner when the answer names no fields', () => {
    expect(knownFieldsOutcome(new AppError('INTERNAL', msg('error.INTERNAL')), ['name'])).toEqual({
      fields: {},
      general: true,
    });
  });
});

describe('remoteChanged', () => {
  it('is false when creating or when no live version is known', () => {
    expect(remoteChanged(false, 3, 1)).toBe(false);
    expect(remoteChanged(true, undefined, 1)).toBe(false);
  });

  it('compares the live version with the expected one', () => {
    expect(remoteChanged(true, 2, 2)).toBe(false);
    expect(remoteChanged(true, 3, 2)).toBe(true);
  });
});
