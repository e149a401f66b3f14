import { describe, expect, it } from 'vitest';
import { ftsQuery, phoneTerms } from '../../src-main/modules/customers/search';

describe('customer search query', () => {
  it('prefix-matches every word', () => expect(ftsQuery('joao silva')).toBe('"joao"* "silva"*'));
  it('searches documents by digits, with or without mask', () => {
    expect(ftsQuery('123.456')).toBe('"123456"*');
    expect(ftsQuery('529.982.247-25')).toBe('"52998224725"*');
  });
  it('joins a phone typed in pieces', () => expect(ftsQuery('(11) 98765-4321')).toBe('"11987654321"*'));
  it('drops FTS syntax so input cannot break the query', () => {
    expect(ftsQuery('"a" OR b*')).toBe('"a"* "OR"* "b"*');
    expect(ftsQuery('  ** ')).toBeNull();
  });
  it('indexes phones with and without area code, and reversed for the last digits', () =>
    expect(phoneTerms('11987654321', null)).toBe('11987654321 987654321 r12345678911'));
  it('looks for four or more digits at the end of a phone too, when asked', () => {
    expect(ftsQuery('5432', { phoneColumn: 'phone' })).toBe('("5432"* OR phone : "r2345"*)');
    expect(ftsQuery('543', { phoneColumn: 'phone' })).toBe('"543"*');
    expect(ftsQuery('5432')).toBe('"5432"*');
  });
});
