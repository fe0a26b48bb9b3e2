import { describe, expect, it } from 'vitest';
import { sparkline } from '../../src/health/index.js';

describe('sparkline', () => {
  it('draws 0 as the lowest bar and the 7 % pull line or above as the full bar', () => {
    expect(sparkline([0, 0.07, 0.2])).toBe('▁██');
  });

  it('lifts any bounces above the floor and keeps anything under the line below full', () => {
    expect(sparkline([0.001, 0.0699])).toBe('▂▇');
  });

  it('scales the rates in between in proportion to the pull line (bar 1 + ⌊rate / line × 6⌋)', () => {
    expect(sparkline([0, 0.01, 0.02, 0.035, 0.05, 0.06, 0.069, 0.08])).toBe('▁▂▃▅▆▇▇█');
  });

  it('shows a gap for a day without sends', () => {
    expect(sparkline([0.01, null, 0.01])).toBe('▂·▂');
  });

  it('scales to a team pull line when given one', () => {
    expect(sparkline([0.05, 0.025], 0.05)).toBe('█▅');
  });

  it('draws an empty trend as nothing', () => {
    expect(sparkline([])).toBe('');
  });
});
