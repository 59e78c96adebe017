/**
 * The ingest benchmark's peer: the live path of Grafana's streaming datasource tutorial. Each message is parsed as
 * JSON and each row added to a CircularDataFrame per car, and every message emits the frames.
 */
import { type TelemetryBatch } from '@eracing/telemetry-core/protocol';
import { CircularDataFrame, FieldType, type DataFrame } from '@grafana/data';

export class JsonCircularFrames {
  private readonly frames = new Map<string, CircularDataFrame>();
  private next = 0;

  constructor(
    private readonly messages: string[],
    private readonly channels: string[],
    private readonly capacity: number,
  ) {}

  step(): DataFrame[] {
    const message = JSON.parse(this.messages[this.next]);
    this.next = (this.next + 1) % this.messages.length;
    for (const run of message.cars as TelemetryBatch['cars']) {
      const frame = this.frame(run.car);
      for (let i = run.start; i < run.start + run.length; i++) {
        const row: Record<string, unknown> = { time: message.time[i] };
        for (const name of this.channels) row[name] = message.channels[name][i];
        frame.add(row);
      }
    }
    return [...this.frames.values()];
  }

  private frame(car: string): CircularDataFrame {
    let frame = this.frames.get(car);
    if (!frame) {
      frame = new CircularDataFrame({ append: 'tail', capacity: this.capacity });
      frame.name = `car ${car}`;
      frame.addField({ name: 'time', type: FieldType.time });
      for (const name of this.channels) frame.addField({ name, type: FieldType.number, labels: { car } });
      this.frames.set(car, frame);
    }
    return frame;
  }
}
