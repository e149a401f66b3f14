import { describe, expect, it } from 'vitest';
import { bareUnit, formatMeasureMm, measureToInput, parseMeasure, parseSize } from '../../src-shared/domain/measures';

describe('parseMeasure: what people type, in millimetres', () => {
  it.each([
    // bare numbers below 10 are metres
    ['3', 3000, 'm'],
    ['2,5', 2500, 'm'],
    ['2.5', 2500, 'm'],
    ['0,8', 800, 'm'],
    [',5', 500, 'm'],
    ['9,999', 9999, 'm'],
    ['1,205', 1205, 'm'],
    // 10 to 999 are centimetres
    ['10', 100, 'cm'],
    ['80', 800, 'cm'],
    ['250', 2500, 'cm'],
    ['120,5', 1205, 'cm'],
    ['999', 9990, 'cm'],
    // 1000 and above are millimetres
    ['1000', 1000, 'mm'],
    ['2500', 2500, 'mm'],
    ['100000', 100_000, 'mm'],
    // with a unit, the unit says it
    ['2,5 m', 2500, 'm'],
    ['2,5m', 2500, 'm'],
    ['2.5 M', 2500, 'm'],
    ['12 m', 12_000, 'm'],
    ['3 metros', 3000, 'm'],
    ['250 cm', 2500, 'cm'],
    ['250cm', 2500, 'cm'],
    ['2,5 cm', 25, 'cm'],
    ['2500 mm', 2500, 'mm'],
    ['25mm', 25, 'mm'],
    ['3 milímetros', 3, 'mm'],
    ['  1,5 m  ', 1500, 'm'],
  ])('%s → %i mm (%s)', (text, mm, unit) => {
    expect(parseMeasure(text)).toMatchObject({ mm, unit });
  });

  it.each(['', 'abc', '0', '0,0', '-2', '2,5 km', '2,5,5', '1.250,5', '3 x 2', '101 m', '200000', '0,0001'])(
    '%j is not a measure',
    (text) => {
      expect(parseMeasure(text)).toBeNull();
    },
  );

  it('says whether the unit was typed or deduced', () => {
    expect(parseMeasure('2,5')?.explicit).toBe(false);
    expect(parseMeasure('2,5 m')?.explicit).toBe(true);
    expect(bareUnit(9.99)).toBe('m');
    expect(bareUnit(10)).toBe('cm');
    expect(bareUnit(1000)).toBe('mm');
  });

  it('the bug: "3" and "2,5" are 3 m × 2,5 m, not 3 × 25 mm', () => {
    expect(parseMeasure('3')?.mm).toBe(3000);
    expect(parseMeasure('2,5')?.mm).toBe(2500);
  });
});

describe('parseSize', () => {
  it.each([
    ['1,20 x 0,80', 1200, 800],
    ['1,20x0,80', 1200, 800],
    ['120 x 80 cm', 1200, 800],
    ['3 × 2,5 m', 3000, 2500],
    ['3000 X 1200', 3000, 1200],
    ['2 m x 50 cm', 2000, 500],
  ])('%s', (text, w, h) => {
    expect(parseSize(text)).toEqual({ widthMm: w, heightMm: h });
  });
  it('refuses what is not two measures', () => {
    expect(parseSize('3')).toBeNull();
    expect(parseSize('3 x')).toBeNull();
    expect(parseSize('1 x 2 x 3')).toBeNull();
  });
});

describe('showing measures', () => {
  it('formats millimetres in metres, and stored values read back the same', () => {
    expect(formatMeasureMm(2500)).toBe('2,50 m');
    expect(formatMeasureMm(805)).toBe('0,805 m');
    for (const mm of [1, 25, 800, 1205, 2500, 9999, 10_000, 12_345, 100_000]) {
      expect(parseMeasure(measureToInput(mm))?.mm).toBe(mm);
    }
    expect(measureToInput(null)).toBe('');
  });
});
