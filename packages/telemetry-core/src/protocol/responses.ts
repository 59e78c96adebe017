/** Messages a server sends as JSON text, and their validation at the client's boundary. */
import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from './errors';
import { ENCODINGS } from './version';

const point = z.object({ x: z.number(), y: z.number() });
const numbers = z.array(z.number());

export const channelInfoSchema = z.object({
  name: z.string(),
  displayName: z.string(),
  unit: z.string(),
  grafanaUnit: z.string(),
  rateHz: z.number(),
  min: z.number(),
  max: z.number(),
  type: z.enum(['f32', 'f64']),
});

export const sessionSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['live', 'recorded', 'replay']),
  live: z.boolean(),
  startTime: z.number(),
  endTime: z.number().optional(),
  track: z.string(),
  carCount: z.number().int(),
});

export const carInfoSchema = z.object({
  id: z.string(),
  number: z.number(),
  driver: z.string(),
  team: z.string(),
  colour: z.string(),
});

export const lapRecordSchema = z.object({
  car: z.string(),
  lap: z.number().int(),
  startTime: z.number(),
  endTime: z.number().optional(),
  lapTime: z.number().optional(),
  sectorTimes: numbers,
  valid: z.boolean(),
  flags: z.object({ outLap: z.boolean(), inLap: z.boolean(), pit: z.boolean(), incomplete: z.boolean() }),
  length: z.number().optional(),
  energyUsed: z.number().optional(),
  energyRegen: z.number().optional(),
});

export const channelAggregateSchema = z.object({
  mean: z.number().nullable(),
  min: z.number().nullable(),
  max: z.number().nullable(),
});

export const lapRowSchema = lapRecordSchema.extend({
  aggregates: z.record(z.string(), channelAggregateSchema).optional(),
});

export const trackGeometrySchema = z.object({
  name: z.string(),
  length: z.number(),
  origin: z.object({ lat: z.number(), lon: z.number() }),
  centreLine: z.object({ distance: numbers, x: numbers, y: numbers, lat: numbers, lon: numbers }),
  startFinish: z.object({ a: point, b: point }),
  sectors: z.array(z.object({ number: z.number(), name: z.string(), start: z.number(), end: z.number() })),
  corners: z.array(
    z.object({
      number: z.number(),
      name: z.string(),
      distance: z.number(),
      apex: point,
      radius: z.number(),
      direction: z.enum(['left', 'right']),
    }),
  ),
});

export const raceEventSchema = z.object({
  time: z.number(),
  kind: z.enum(['lap', 'sector', 'pit_in', 'pit_out', 'flag']),
  car: z.string().optional(),
  lap: z.number().optional(),
  sector: z.number().optional(),
  duration: z.number().optional(),
  flag: z.enum(['green', 'yellow', 'safety_car', 'red', 'chequered']).optional(),
  text: z.string(),
});

export const sessionDetailSchema = sessionSummarySchema.extend({
  cars: z.array(carInfoSchema),
  channels: z.array(channelInfoSchema),
  laps: z.array(lapRecordSchema),
  geometry: trackGeometrySchema.optional(),
});

export const limitsSchema = z.object({
  maxMessageBytes: z.number(),
  maxSubscriptions: z.number(),
  maxLapRows: z.number(),
  maxPoints: z.number(),
  resumeWindowMs: z.number(),
  batchMs: z.number(),
});

export const helloResponse = z.object({
  type: z.literal('hello'),
  server: z.string(),
  serverVersion: z.string(),
  protocol: z.number().int(),
  epoch: z.string(),
  capabilities: z.array(z.string()),
  encodings: z.array(z.enum(ENCODINGS)),
  encoding: z.enum(ENCODINGS),
  sessions: z.number().int(),
  liveSession: z.string().optional(),
  limits: limitsSchema,
});

export const catalogResponse = z.object({
  type: z.literal('catalog'),
  id: z.string(),
  sessions: z.array(sessionSummarySchema),
  session: sessionDetailSchema.optional(),
});

export const subscribedResponse = z.object({
  type: z.literal('subscribed'),
  id: z.string(),
  subscription: z.string(),
  session: z.string(),
  epoch: z.string(),
  cars: z.array(z.string()),
  channels: z.array(z.string()),
  /** The seq of the first batch this subscription will deliver. */
  nextSeq: z.number().int(),
  batchMs: z.number(),
});

export const unsubscribedResponse = z.object({
  type: z.literal('unsubscribed'),
  id: z.string().optional(),
  subscription: z.string(),
});

export const eventMessage = z.object({
  type: z.literal('event'),
  subscription: z.string(),
  session: z.string(),
  event: raceEventSchema,
});

export const completeResponse = z.object({
  type: z.literal('complete'),
  id: z.string(),
  session: z.string(),
  rows: z.number().int(),
  batches: z.number().int(),
  decimated: z.boolean(),
});

export const lapsResponse = z.object({
  type: z.literal('laps'),
  id: z.string(),
  session: z.string(),
  laps: z.array(lapRowSchema),
});

export const eventsResponse = z.object({
  type: z.literal('events'),
  id: z.string(),
  session: z.string(),
  events: z.array(raceEventSchema),
});

export const pongResponse = z.object({ type: z.literal('pong'), id: z.string(), time: z.number() });

export const errorResponse = z.object({
  type: z.literal('error'),
  id: z.string().optional(),
  subscription: z.string().optional(),
  code: z.enum(Object.keys(ERROR_CODES) as [ErrorCode, ...ErrorCode[]]),
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});

/** Every JSON server message except `data`, which the codec validates on its faster path. */
export const controlMessage = z.discriminatedUnion('type', [
  helloResponse,
  catalogResponse,
  subscribedResponse,
  unsubscribedResponse,
  eventMessage,
  completeResponse,
  lapsResponse,
  eventsResponse,
  pongResponse,
  errorResponse,
]);

export type HelloResponse = z.infer<typeof helloResponse>;
export type CatalogResponse = z.infer<typeof catalogResponse>;
export type SubscribedResponse = z.infer<typeof subscribedResponse>;
export type UnsubscribedResponse = z.infer<typeof unsubscribedResponse>;
export type EventMessage = z.infer<typeof eventMessage>;
export type CompleteResponse = z.infer<typeof completeResponse>;
export type LapRow = z.infer<typeof lapRowSchema>;
export type ChannelAggregate = z.infer<typeof channelAggregateSchema>;
export type LapsResponse = z.infer<typeof lapsResponse>;
export type EventsResponse = z.infer<typeof eventsResponse>;
export type PongResponse = z.infer<typeof pongResponse>;
export type ErrorMessage = z.infer<typeof errorResponse>;
export type ControlMessage = z.infer<typeof controlMessage>;
