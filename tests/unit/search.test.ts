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
  it('indexes phones with and without area code', () =>
    expect(phoneTerms('11987654321', null)).toBe('11987654321 987654321'));
});
