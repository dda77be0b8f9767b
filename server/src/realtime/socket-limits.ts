/**
 * The largest frame a client may send on the app's one socket.io server, whichever gateway
 * handles it: a larger one closes that socket only. Every gateway on the server must give the
 * same value — the first to start creates the server with it. 1 MiB holds a co-edited minutes
 * section's whole offline backlog (Yjs sync step 2); everything else is far smaller.
 */
export const SOCKET_MAX_FRAME_BYTES = 1024 * 1024;

/** How long an admitted handshake may take to become a connection before its slot is given back. */
const HANDSHAKE_GRACE_MS = 10_000;

/** The handshake refusal a client sees (`connect_error`): `message` for people, `data.code` for code. */
export interface TooManySocketsError extends Error {
  data: { code: 'too_many_sockets'; max: number };
}

export function tooManySockets(max: number): TooManySocketsError {
  const error = new Error(
    `too_many_sockets: at most ${max} live connections per user; close another tab or device and try again`,
  ) as TooManySocketsError;
  error.data = { code: 'too_many_sockets', max };
  return error;
}

/**
 * SOCKETS_PER_USER_MAX: how many sockets one user may hold on this instance. The socket beyond
 * the cap is refused at its handshake (rather than closing the oldest, which would let a runaway
 * client knock the user's real tabs off in turn).
 *
 * Per instance, on purpose: what the cap protects is the instance's memory (200 sockets on one
 * token took one process from 298 to 468 MiB). A count in Redis would outlive an instance that
 * dies without closing its sockets and keep its user locked out until the entries were
 * heartbeated away, which costs more than it protects; with N instances a user holds at most N
 * times the cap in all, and never more than the cap on any one process.
 *
 * A slot is taken the moment a handshake is admitted (synchronously after the token check, so
 * concurrent handshakes cannot all slip under the cap) and given back when the socket closes, or
 * after HANDSHAKE_GRACE_MS if it never connected.
 */
export class SocketCap {
  private readonly held = new Map<string, Set<string>>();

  constructor(private readonly max: number) {}

  /** Takes a slot for `socket` of `userId`, or returns the refusal to hand to socket.io's `next`. */
  admit(userId: string, socket: { id: string; readonly connected: boolean }): TooManySocketsError | undefined {
    const mine = this.held.get(userId) ?? new Set<string>();
    if (!mine.has(socket.id) && mine.size >= this.max) return tooManySockets(this.max);
    mine.add(socket.id);
    this.held.set(userId, mine);
    // Refused by a later middleware, or gone before it connected: no disconnect will say so.
    setTimeout(() => {
      if (!socket.connected) this.release(userId, socket.id);
    }, HANDSHAKE_GRACE_MS).unref();
    return undefined;
  }

  release(userId: string, socketId: string): void {
    const mine = this.held.get(userId);
    mine?.delete(socketId);
    if (mine?.size === 0) this.held.delete(userId);
  }
}
