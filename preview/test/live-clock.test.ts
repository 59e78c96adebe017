/** @jest-environment jsdom */
import { LiveClock } from '../src/dashboard/live-now';

describe('the dashboard live clock', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('ticks every panel that is due in one beat, each at its own interval', () => {
    const clock = new LiveClock(100);
    const beats: string[][] = [];
    let beat: string[] = [];
    const record = (name: string) => () => beat.push(name);
    clock.subscribe(100, record('fast'));
    clock.subscribe(300, record('slow'));
    for (let i = 0; i < 6; i++) {
      jest.advanceTimersByTime(100);
      beats.push(beat);
      beat = [];
    }
    expect(beats).toEqual([['fast'], ['fast'], ['fast', 'slow'], ['fast'], ['fast'], ['fast', 'slow']]);
  });

  it('keeps one interval however many panels subscribe, and stops it when the last one leaves', () => {
    const clock = new LiveClock(100);
    const unsubscribe = [clock.subscribe(100, () => {}), clock.subscribe(200, () => {})];
    expect(jest.getTimerCount()).toBe(1);
    unsubscribe[0]();
    expect(jest.getTimerCount()).toBe(1);
    unsubscribe[1]();
    expect(jest.getTimerCount()).toBe(0);
  });

  it('stops ticking a panel once it unsubscribes', () => {
    const clock = new LiveClock(100);
    let ticks = 0;
    const keep = clock.subscribe(100, () => {});
    const leave = clock.subscribe(100, () => ticks++);
    jest.advanceTimersByTime(200);
    leave();
    jest.advanceTimersByTime(300);
    expect(ticks).toBe(2);
    keep();
  });
});
