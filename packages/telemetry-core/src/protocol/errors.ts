/** Every error a server sends carries one of these codes and a human message. */
export const ERROR_CODES = {
  bad_json: 'The message is not valid JSON.',
  bad_message: 'The message does not match the protocol.',
  unknown_type: 'The message type is not part of the protocol.',
  hello_required: 'The first message must be a hello.',
  protocol_mismatch: 'The client speaks another protocol version.',
  unauthorized: 'The token is missing or wrong.',
  message_too_large: 'The message is larger than the server accepts.',
  unknown_session: 'No session has that id.',
  unknown_car: 'The session has no car with that id.',
  unknown_channel: 'The session has no channel with that name.',
  unknown_subscription: 'No subscription has that id on this connection.',
  duplicate_subscription: 'A subscription with that id is already open on this connection.',
  too_many_subscriptions: 'The connection has as many subscriptions as the server allows.',
  too_many_rows: 'The query would return more rows than the server allows.',
  bad_range: 'The time range or lap selection is empty or reversed.',
  resume_gap: 'Part of the data to resume from is no longer held; the stream goes on after the lost span.',
  epoch_changed: 'The server lost the data behind the sequence numbers; start again without resume.',
  resume_ahead: 'The resume names a batch the session has not produced; start again without resume.',
  slow_client: 'The client reads too slowly; the connection is closed.',
  internal: 'The server failed while handling the message.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** WebSocket close codes the server uses (4000–4999 is the application range). */
export const CLOSE_CODES = {
  unauthorized: 4001,
  protocol_mismatch: 4002,
  hello_required: 4003,
  slow_client: 4008,
  shutdown: 1001,
} as const;
