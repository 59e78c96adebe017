import { colourHue, isWindowColour, operatingWindow, RACING_SLICK_THRESHOLDS, windowState } from './window';

/** Grafana's dark theme colours of the names used in the defaults. */
const GRAFANA: Record<string, string> = {
  blue: '#5794F2',
  'light-blue': '#8AB8FF',
  green: '#73BF69',
  orange: '#FF9830',
  red: '#F2495C',
};
const resolve = (name: string) => GRAFANA[name] ?? name;

describe('operatingWindow', () => {
  it('is the green band of the racing-slick defaults: 80 to 105 °C', () => {
    expect(operatingWindow(RACING_SLICK_THRESHOLDS, resolve)).toEqual({ low: 80, high: 105 });
  });

  it('spans consecutive green steps, is open-ended when green is last, and absent without green', () => {
    const steps = [
      { value: null, color: '#5794F2' },
      { value: 60, color: 'rgb(115, 191, 105)' },
      { value: 90, color: '#37872D' },
      { value: 120, color: '#F2495C' },
    ];
    expect(operatingWindow(steps)).toEqual({ low: 60, high: 120 });
    expect(operatingWindow(steps.slice(0, 3))).toEqual({ low: 60, high: Infinity });
    expect(operatingWindow([{ value: null, color: 'green' }], resolve)).toEqual({ low: -Infinity, high: Infinity });
    expect(operatingWindow([steps[0], steps[3]])).toBeUndefined();
  });
});

describe('windowState', () => {
  const window = { low: 80, high: 105 };
  it('says cold below, optimal inside, hot from the top', () => {
    expect([60, 79.9, 80, 104.9, 105, 130].map((v) => windowState(v, window))).toEqual([
      'cold',
      'cold',
      'optimal',
      'optimal',
      'hot',
      'hot',
    ]);
    expect(windowState(NaN, window)).toBe('unknown');
    expect(windowState(90, undefined)).toBe('unknown');
  });
});

describe('colourHue', () => {
  it('reads hex and rgb colours', () => {
    expect(colourHue('#f00')).toEqual({ hue: 0, saturation: 1 });
    expect(colourHue('#00ff0080')?.hue).toBe(120);
    expect(colourHue('rgba(0, 0, 255, 0.5)')?.hue).toBe(240);
    expect(colourHue('green')).toBeUndefined();
    expect(isWindowColour('#808080')).toBe(false);
    expect(isWindowColour('#FF9830')).toBe(false);
    expect(isWindowColour('#73BF69')).toBe(true);
  });
});
