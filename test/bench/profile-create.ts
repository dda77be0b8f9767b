/**
 * Profiles action-item creates end to end on the built server (PostgreSQL), one writer at a time.
 *
 *   npm run build && node test/scripts/with-test-db.mjs node --import tsx test/bench/profile-create.ts
 *
 * The server runs as `npm start` runs it, with cpu-profile-preload.mjs loaded: this process signs
 * the secretariat in, sends warm-up creates, then starts V8's profiler in the server (SIGUSR2),
 * sends PROFILE_CREATES (200) creates one after another and stops it. It writes `create.svg` (a
 * flame graph) to PROFILE_OUT (docs/profiles), the stacks it is drawn from (`frame;frame;… samples`
 * a line, the input of any flame graph tool) to a temporary file, and prints the functions with the most
 * self time and the share of the main groups of work.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchServer, demoWorld, runBench } from './bench-kit.js';
import { type Frame, flameGraphSvg } from './flame-graph.js';

const CREATES = Number(process.env.PROFILE_CREATES ?? 200);
const WARMUP = 50;
const OUT = process.env.PROFILE_OUT ?? fileURLToPath(new URL('../../docs/profiles/', import.meta.url));

interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }>;
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

function frameName(node: CpuProfile['nodes'][number]): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^file:\/\//, '');
  const at = file.indexOf('node_modules/');
  const short = at >= 0 ? file.slice(at + 'node_modules/'.length) : file.replace(/^.*\/(server|shared)\/dist\//, '$1/');
  return `${functionName || '(anonymous)'}${short ? ` ${short}:${lineNumber + 1}` : ''}`;
}

/** What a frame is part of, for the summary. */
function groupOf(stack: string[]): string {
  const has = (pattern: RegExp) => stack.some((frame) => pattern.test(frame));
  const leaf = stack.at(-1) ?? '';
  if (leaf === '(garbage collector)') return 'garbage collection';
  if (leaf === '(program)') return 'V8/libuv (program)';
  if (has(/ pg(-protocol|-pool)?\//)) return 'pg driver (protocol, parsing rows)';
  if (has(/ typeorm\//)) return 'TypeORM (metadata, query building, hydration)';
  if (has(/ socket\.io|engine\.io|\/ws\//)) return 'socket.io (emit to clients)';
  if (has(/ pino|logger/i)) return 'logging';
  if (has(/ zod\//)) return 'zod (validation)';
  if (has(/ @nestjs\/|express\/|router\/|body-parser|raw-body/)) return 'NestJS / Express (routing, body)';
  if (has(/server\/|shared\//)) return 'Sidang code';
  return 'other (Node internals)';
}

async function main(): Promise<void> {
  const profileDir = await mkdtemp(join(os.tmpdir(), 'sidang-profile-'));
  const profilePath = join(profileDir, 'create.cpuprofile');
  const preload = fileURLToPath(new URL('./cpu-profile-preload.mjs', import.meta.url));
  const { server, close } = await benchServer({ NODE_OPTIONS: `--import ${preload}`, CPU_PROFILE_PATH: profilePath });
  const said = async (line: string) => {
    for (let waited = 0; !server.logs().includes(line); waited += 50) {
      if (waited > 30_000) throw new Error(`The server did not print "${line}"`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };
  let wallMs = 0;
  try {
    const world = await demoWorld(server.url);
    // One writer: the secretariat.
    const create = async (i: number) => {
      const created = await world.create(1, `Profiled item ${i}`);
      if (created.status !== 201) throw new Error(`create answered ${created.status}`);
    };
    for (let i = 0; i < WARMUP; i += 1) await create(i);
    server.process.kill('SIGUSR2');
    await said('profile started');
    const started = performance.now();
    for (let i = 0; i < CREATES; i += 1) await create(WARMUP + i);
    wallMs = performance.now() - started;
    server.process.kill('SIGUSR2');
    await said('profile written');
    console.log(`${CREATES} creates one after another: ${(wallMs / CREATES).toFixed(2)} ms each (round trip)`);
  } finally {
    await close();
  }
  const profile = JSON.parse(await readFile(profilePath, 'utf8')) as CpuProfile;
  await rm(profileDir, { recursive: true, force: true });

  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const stackOf = (id: number): string[] => {
    const stack: string[] = [];
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at);
      if (node && node.callFrame.functionName !== '(root)') stack.unshift(frameName(node));
    }
    return stack;
  };

  const folded = new Map<string, number>();
  const kept = profile.samples.length;
  let idle = 0;
  let spanUs = 0;
  profile.samples.forEach((id, index) => {
    spanUs += profile.timeDeltas[index] ?? 0;
    const node = byId.get(id);
    if (node?.callFrame.functionName === '(idle)') {
      idle += 1;
      return;
    }
    const key = stackOf(id).join(';');
    folded.set(key, (folded.get(key) ?? 0) + 1);
  });
  if (kept === 0) throw new Error('The profile has no samples');

  const busy = kept - idle;
  const msPerSample = spanUs / 1000 / kept;
  console.log(
    `${kept} samples in ${(spanUs / 1000).toFixed(0)} ms, ${busy} busy: ${((busy * msPerSample) / CREATES).toFixed(2)} ms of server CPU (main thread) per create`,
  );

  const groups = new Map<string, number>();
  const self = new Map<string, number>();
  for (const [stack, count] of folded) {
    const frames = stack.split(';');
    groups.set(groupOf(frames), (groups.get(groupOf(frames)) ?? 0) + count);
    const leaf = frames.at(-1) ?? '';
    self.set(leaf, (self.get(leaf) ?? 0) + count);
  }
  const share = (count: number) =>
    `${((100 * count) / busy).toFixed(1).padStart(5)} %  ${((count * msPerSample) / CREATES).toFixed(3)} ms/create`;
  console.log('\nBusy time by group (the innermost group a stack passes through):');
  for (const [group, count] of [...groups].sort((a, b) => b[1] - a[1])) console.log(`  ${share(count)}  ${group}`);
  console.log('\nMost self time:');
  for (const [frame, count] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25)) console.log(`  ${share(count)}  ${frame}`);

  await mkdir(OUT, { recursive: true });
  const lines = [...folded].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([stack, count]) => `${stack} ${count}`);
  const foldedPath = join(os.tmpdir(), `sidang-create-${process.pid}.folded`);
  await writeFile(foldedPath, `${lines.join('\n')}\n`);
  const root: Frame = { name: `${CREATES} creates, busy samples`, value: 0, children: new Map() };
  for (const [stack, count] of folded) {
    root.value += count;
    let at = root;
    for (const name of stack.split(';')) {
      let child = at.children.get(name);
      if (!child) {
        child = { name, value: 0, children: new Map() };
        at.children.set(name, child);
      }
      child.value += count;
      at = child;
    }
  }
  await writeFile(join(OUT, 'create.svg'), flameGraphSvg(root));
  console.log(`\nWrote ${join(OUT, 'create.svg')}, and the stacks (folded, about 1 MB) to ${foldedPath}`);
}

await runBench(main);
