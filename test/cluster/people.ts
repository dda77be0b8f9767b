import { request } from 'node:http';
import type { ActionItem, CatchUpPage, EventEnvelope } from '@sidang/shared';
import { api, DEMO_USERS, demoCommittee, login } from '../support/server-process.js';

/** A demo person signed in through the load balancer. */
export interface Person {
  token: string;
  userId: string;
}

export type DemoRole = keyof typeof DEMO_USERS;

export async function signIn(url: string, role: DemoRole): Promise<Person> {
  const session = await login(url, DEMO_USERS[role]);
  return { token: session.accessToken, userId: session.user.id };
}

export async function committeeOf(url: string, person: Person): Promise<string> {
  return (await demoCommittee(url, person.token)).id;
}

/** `?affinity=<key>`: nginx sends the request to the node that key lands on. */
export function via(path: string, affinity: string | undefined): string {
  if (!affinity) return path;
  return `${path}${path.includes('?') ? '&' : '?'}affinity=${encodeURIComponent(affinity)}`;
}

/** Creates an action item; resolves with the answer whatever its status (a test decides what an error means). */
export async function createItem(
  url: string,
  person: Person,
  committeeId: string,
  fields: Record<string, unknown>,
  affinity?: string,
): Promise<{ status: number; body: ActionItem }> {
  return api<ActionItem>(url, person.token, 'POST', via(`/api/committees/${committeeId}/action-items`, affinity), fields);
}

/** Every event after `after` the person may see, read page by page through `url`. */
export async function readLog(url: string, person: Person, committeeId: string, after = 0): Promise<EventEnvelope[]> {
  const events: EventEnvelope[] = [];
  let cursor = after;
  for (let pages = 0; pages < 1_000; pages += 1) {
    const page = await api<CatchUpPage>(url, person.token, 'GET', `/api/committees/${committeeId}/events?after=${cursor}&limit=1000`);
    if (page.status !== 200) throw new Error(`catch-up answered ${page.status}: ${JSON.stringify(page.body)}`);
    events.push(...page.body.events);
    if (!page.body.hasMore) return events;
    cursor = page.body.nextAfter;
  }
  throw new Error('catch-up did not end after 1000 pages');
}

/** Seqs strictly increasing: in order, none twice. */
export function inOrderOnce(seqs: readonly number[]): boolean {
  return seqs.every((seq, index) => index === 0 || seq > (seqs[index - 1] as number));
}

export interface WriteLog {
  /** Writes answered 201, in the order they were answered. */
  acked: ActionItem[];
  /** Writes answered otherwise (a node died under them), or not answered at all. */
  failed: Array<{ status: number | string; affinity: string }>;
}

/**
 * One writer creating action items back to back until stopped, through nginx, turn by turn with
 * each affinity key (so on every node); every third one SECRET.
 */
export function keepWriting(
  url: string,
  person: Person,
  committeeId: string,
  keys: readonly string[],
  label: string,
): { stop(): Promise<WriteLog>; readonly count: number } {
  const log: WriteLog = { acked: [], failed: [] };
  let stopped = false;
  let n = 0;
  const loop = (async () => {
    while (!stopped) {
      const affinity = keys[n % keys.length] as string;
      const fields = n % 3 === 2 ? { title: `${label} ${n}`, classification: 'SECRET' } : { title: `${label} ${n}` };
      n += 1;
      try {
        const result = await createItem(url, person, committeeId, fields, affinity);
        if (result.status === 201) log.acked.push(result.body);
        else log.failed.push({ status: result.status, affinity });
      } catch (error) {
        log.failed.push({ status: (error as Error).message, affinity });
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  return {
    get count() {
      return n;
    },
    async stop() {
      stopped = true;
      await loop;
      return log;
    },
  };
}

/**
 * A POST whose body arrives in two halves: the first now, the rest on `finish()`. Between the
 * two the request is in flight on the server (it has its headers and waits for the body).
 */
export function slowPost<T>(
  url: string,
  person: Person,
  path: string,
  body: unknown,
): { finish(): void; response: Promise<{ status: number; body: T }> } {
  const json = JSON.stringify(body);
  const half = Math.floor(json.length / 2);
  const outgoing = request(`${url}${path}`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${person.token}`,
      'content-type': 'application/json',
      accept: 'application/json',
      'content-length': Buffer.byteLength(json),
    },
  });
  const response = new Promise<{ status: number; body: T }>((resolve, reject) => {
    outgoing.on('response', (incoming) => {
      let text = '';
      incoming.setEncoding('utf8');
      incoming.on('data', (chunk: string) => {
        text += chunk;
      });
      incoming.on('end', () => {
        let parsed: unknown = text;
        try {
          parsed = JSON.parse(text);
        } catch {
          // Not JSON: kept as text for the failure message.
        }
        resolve({ status: incoming.statusCode ?? 0, body: parsed as T });
      });
      incoming.on('error', reject);
    });
    outgoing.on('error', reject);
  });
  outgoing.write(json.slice(0, half));
  return { finish: () => outgoing.end(json.slice(half)), response };
}
