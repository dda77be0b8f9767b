import type { IncomingMessage } from 'node:http';

/** `scheme://host[:port]` of a URL, or null when it is not one. */
function originOf(value: string): string | null {
  try {
    const origin = new URL(value).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

/**
 * Whether a browser on `origin` may open a socket.io connection. No Origin (a script or an app,
 * not a browser page) is allowed: such clients are judged by their token alone. With `allowed`
 * (ALLOWED_ORIGINS) the origin must be one of those; otherwise it must be the app's own, i.e.
 * name the same host and port as the request's Host header. Whole origins are compared, never
 * prefixes.
 */
export function originAllowed(origin: string | undefined, host: string | undefined, allowed: readonly string[] | undefined): boolean {
  if (origin === undefined) return true;
  const parsed = originOf(origin);
  if (!parsed) return false;
  if (allowed && allowed.length > 0) return allowed.includes(parsed);
  if (!host) return false;
  return new URL(parsed).host === host.toLowerCase();
}

/** socket.io's `allowRequest` hook: refuses a handshake (any transport) from a foreign origin. */
export function originCheck(allowed: readonly string[] | undefined) {
  return (request: IncomingMessage, callback: (error: string | null | undefined, success: boolean) => void): void => {
    const ok = originAllowed(request.headers.origin, request.headers.host, allowed);
    callback(ok ? null : 'Origin not allowed', ok);
  };
}
