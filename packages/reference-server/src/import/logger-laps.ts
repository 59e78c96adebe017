/**
 * The lap times a logger records itself, from its lap counter and a "last lap time" channel that holds the previous
 * lap's time (iRacing's LapLastLapTime, MoTeC's Lap Time). The time updates some samples after the counter (iRacing:
 * 0.5–0.8 s), so a new value is the lap before the current one, when the counter changed in the last few seconds.
 * The value the file starts with belongs to a lap before the recording; -1 or 0 says the lap was not timed.
 */
const WINDOW_S = 5;

export class LoggerLapTimes {
  private readonly byLap = new Map<number, number>();
  private lap = NaN;
  private lastValue = NaN;
  private rowsSinceChange = Infinity;
  private untimed = 0;
  private late = 0;
  private readonly window: number;

  /** `rateHz`: the rate `add` is called at. */
  constructor(rateHz: number) {
    this.window = Math.max(2, WINDOW_S * rateHz);
  }

  add(lap: number, lastLapTime: number): void {
    if (!Number.isFinite(lap) || !Number.isFinite(lastLapTime)) return;
    if (lap !== this.lap) {
      if (!Number.isNaN(this.lap)) this.rowsSinceChange = 0;
      this.lap = lap;
    } else this.rowsSinceChange++;
    if (Number.isNaN(this.lastValue)) {
      this.lastValue = lastLapTime;
      return;
    }
    if (lastLapTime === this.lastValue) return;
    this.lastValue = lastLapTime;
    if (!(lastLapTime > 0)) {
      this.untimed++;
      return;
    }
    if (this.rowsSinceChange > this.window) {
      this.late++;
      return;
    }
    this.byLap.set(lap - 1, lastLapTime);
  }

  /** Seconds by lap number. */
  times(): Record<string, number> {
    return Object.fromEntries([...this.byLap].map(([lap, t]) => [String(lap), t]));
  }

  notes(): string[] {
    const notes: string[] = [];
    if (this.untimed) notes.push(`the logger marked ${this.untimed} lap(s) as not timed (last lap time -1 or 0)`);
    if (this.late) notes.push(`${this.late} logger lap time update(s) came with no lap change before them: not used`);
    return notes;
  }
}
