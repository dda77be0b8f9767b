/**
 * The largest frame a client may send on the app's one socket.io server, whichever gateway
 * handles it: a larger one closes that socket only. Every gateway on the server must give the
 * same value — the first to start creates the server with it. 1 MiB holds a co-edited minutes
 * section's whole offline backlog (Yjs sync step 2); everything else is far smaller.
 */
export const SOCKET_MAX_FRAME_BYTES = 1024 * 1024;
