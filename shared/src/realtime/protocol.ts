// Zod-free: the realtime client reads it before the schemas load.

/**
 * The version of the wire protocol (socket events, envelopes, catch-up), bumped when it changes
 * incompatibly. The client sends it in the socket.io handshake (`auth: { token, protocol }`);
 * the server refuses another version with `connect_error` data `{ code: 'protocol_mismatch' }`,
 * and the client asks its user to reload. A handshake without it (a script) is accepted.
 */
export const PROTOCOL_VERSION = 2;

/** The code of a handshake refused for its protocol version (`connect_error` `data.code`). */
export const PROTOCOL_MISMATCH = 'protocol_mismatch';

/** What a handshake refused for its protocol version carries as `connect_error` data. */
export interface ProtocolMismatch {
  code: typeof PROTOCOL_MISMATCH;
  /** The version this server speaks. */
  protocol: number;
}

/** Whether a handshake's `auth.protocol` may talk to this server: absent (a script), or equal. */
export function acceptsProtocol(protocol: unknown): boolean {
  return protocol === undefined || protocol === PROTOCOL_VERSION;
}

/** Whether a `connect_error` is the server refusing this client's protocol version. */
export function isProtocolMismatch(error: { data?: unknown }): boolean {
  const data = error.data as { code?: unknown } | null | undefined;
  return typeof data === 'object' && data !== null && data.code === PROTOCOL_MISMATCH;
}
