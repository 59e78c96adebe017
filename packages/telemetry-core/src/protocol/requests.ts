/** Messages a client sends, and their validation at the server's boundary. */
import { z } from 'zod';
import { ENCODINGS } from './version';

const id = z.string().min(1).max(64);
const name = z.string().min(1).max(64);
const time = z.number().finite();
const names = z.array(name).max(256);
const eventKinds = z.enum(['lap', 'sector', 'pit_in', 'pit_out', 'flag']);

export const helloRequest = z.strictObject({
  type: z.literal('hello'),
  protocol: z.number().int().positive(),
  token: z.string().max(1024).optional(),
  encoding: z.enum(ENCODINGS).optional(),
  client: z.string().max(128).optional(),
});

export const catalogRequest = z.strictObject({
  type: z.literal('catalog'),
  id,
  session: name.optional(),
});

export const subscribeRequest = z.strictObject({
  type: z.literal('subscribe'),
  id,
  subscription: id,
  session: name.optional(),
  cars: names.optional(),
  channels: names.optional(),
  maxRateHz: z.number().positive().max(1000).optional(),
  events: z.boolean().optional(),
  resume: z.strictObject({ epoch: z.string().min(1).max(64), seq: z.number().int().min(-1) }).optional(),
});

export const unsubscribeRequest = z.strictObject({
  type: z.literal('unsubscribe'),
  id: id.optional(),
  subscription: id,
});

export const lapSelection = z.union([
  z.array(z.number().int().nonnegative()).min(1).max(1000),
  z.literal('best'),
  z.strictObject({ last: z.number().int().positive().max(1000) }),
]);

export const queryRequest = z.strictObject({
  type: z.literal('query'),
  id,
  session: name.optional(),
  cars: names.optional(),
  channels: names.optional(),
  from: time.optional(),
  to: time.optional(),
  maxPoints: z.number().int().min(2).optional(),
  laps: lapSelection.optional(),
});

export const lapsRequest = z.strictObject({
  type: z.literal('laps'),
  id,
  session: name.optional(),
  cars: names.optional(),
  aggregates: names.optional(),
});

export const eventsRequest = z.strictObject({
  type: z.literal('events'),
  id,
  session: name.optional(),
  cars: names.optional(),
  from: time.optional(),
  to: time.optional(),
  kinds: z.array(eventKinds).optional(),
});

export const pingRequest = z.strictObject({ type: z.literal('ping'), id });

export const clientMessage = z.discriminatedUnion('type', [
  helloRequest,
  catalogRequest,
  subscribeRequest,
  unsubscribeRequest,
  queryRequest,
  lapsRequest,
  eventsRequest,
  pingRequest,
]);

export type HelloRequest = z.infer<typeof helloRequest>;
export type CatalogRequest = z.infer<typeof catalogRequest>;
export type SubscribeRequest = z.infer<typeof subscribeRequest>;
export type UnsubscribeRequest = z.infer<typeof unsubscribeRequest>;
export type LapSelection = z.infer<typeof lapSelection>;
export type QueryRequest = z.infer<typeof queryRequest>;
export type LapsRequest = z.infer<typeof lapsRequest>;
export type EventsRequest = z.infer<typeof eventsRequest>;
export type PingRequest = z.infer<typeof pingRequest>;
export type ClientMessage = z.infer<typeof clientMessage>;
export type ClientMessageType = ClientMessage['type'];

export const CLIENT_MESSAGE_TYPES: readonly ClientMessageType[] = clientMessage.options.map(
  (option) => option.shape.type.value,
);
