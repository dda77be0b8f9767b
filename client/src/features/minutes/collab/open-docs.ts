import type { SocketYjsProvider } from './socket-yjs-provider.ts';

/** The section documents open on this screen (their providers). */
const open = new Set<SocketYjsProvider>();

/** Notes a provider as open until the returned function is called. */
export function trackOpenDoc(provider: SocketYjsProvider): () => void {
  open.add(provider);
  return () => open.delete(provider);
}

/**
 * Sends every open section's unsent edits and resolves once the server has acknowledged them
 * (each bounded): a workflow step asked for from this screen then includes all it shows.
 */
export async function flushOpenDocs(): Promise<void> {
  await Promise.all([...open].map((provider) => provider.flush()));
}
