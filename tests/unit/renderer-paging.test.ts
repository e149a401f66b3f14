import { describe, expect, it } from 'vitest';
import { rangeLabel } from '../../src-renderer/lib/format';

describe('list paging in the renderer', () => {
  it('a capped count reads "N+" and does not bound the range of a deep page', () => {
    expect(rangeLabel(1, 50, 10_000, true)).toBe('1–50 de 10.000+');
    expect(rangeLabel(900, 50, 10_000, true)).toBe('44.951–45.000 de 10.000+');
    expect(rangeLabel(2, 50, 80, false)).toBe('51–80 de 80');
  });
});
