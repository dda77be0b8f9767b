import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface ManifestChunk {
  file: string;
  imports?: string[];
  css?: string[];
  isEntry?: boolean;
}
type Manifest = Record<string, ManifestChunk>;

/** What every signed-in page loads before it draws (client/src/app/router.tsx). */
const SHELL = ['src/app/require-auth.tsx', 'src/app/layout/app-shell.tsx'];

/** The page module a signed-in path draws first (client/src/app/router.tsx); other paths get the shell. */
const PAGES: ReadonlyArray<readonly [RegExp, string]> = [
  [/^\/c\/[^/]+\/?$/, 'src/features/committees/components/committee-home.tsx'],
  [/^\/c\/[^/]+\/actions\/?$/, 'src/features/action-items/components/action-items-page.tsx'],
  [/^\/c\/[^/]+\/actions\/[^/]+(\/edit)?\/?$/, 'src/features/action-items/components/action-item-pages.tsx'],
  [/^\/c\/[^/]+\/meetings\/?$/, 'src/features/meetings/components/meetings-page.tsx'],
  [/^\/c\/[^/]+\/meetings\/[^/]+\/?$/, 'src/features/meetings/components/meeting-page.tsx'],
  [/^\/c\/[^/]+\/meetings\/[^/]+\/minutes\/?$/, 'src/features/minutes/components/minutes-page.tsx'],
];

const SIGNED_IN_PATH = /^\/(c|admin)(\/|$)/;

/**
 * The scripts and style sheets a path's first screen loads lazily, to announce in its HTML (scripts
 * as `modulepreload`, sheets as stylesheets): the browser fetches them with the entry instead of
 * after it has run (one round trip less on a phone; a lazy route's sheets were asked for only once
 * its module was being imported, and the route waited for them). Scripts in name order, sheets in
 * the order the route's imports would add them (their cascade). Read from the build's Vite
 * manifest; without one (a development build), nothing.
 */
export function routePreloads(dist: string, warn: (message: string) => void = () => undefined): (path: string) => string[] {
  let manifest: Manifest;
  try {
    manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8')) as Manifest;
  } catch {
    return () => [];
  }
  const closure = (keys: readonly string[]): Set<string> => {
    const seen = new Set<string>();
    const visit = (key: string) => {
      if (seen.has(key) || !manifest[key]) return;
      seen.add(key);
      for (const imported of manifest[key].imports ?? []) visit(imported);
    };
    for (const key of keys) visit(key);
    return seen;
  };
  const entry = closure(Object.keys(manifest).filter((key) => manifest[key]?.isEntry));
  for (const key of [...SHELL, ...PAGES.map(([, page]) => page)]) {
    if (!manifest[key]) warn(`${key} is not in the client build's manifest: its pages load without preloads`);
  }
  const filesOf = (keys: readonly string[]) => {
    const chunks = [...closure(keys)].filter((key) => !entry.has(key));
    const scripts = chunks
      .map((key) => `/${manifest[key]?.file}`)
      .filter((file) => file.endsWith('.js'))
      .sort();
    const sheets = [...new Set(chunks.flatMap((key) => manifest[key]?.css ?? []))].map((file) => `/${file}`);
    return [...scripts, ...sheets];
  };
  const shell = filesOf(SHELL);
  const pages = PAGES.map(([pattern, page]) => [pattern, filesOf([...SHELL, page])] as const);
  return (path) => {
    if (!SIGNED_IN_PATH.test(path)) return [];
    return pages.find(([pattern]) => pattern.test(path))?.[1] ?? shell;
  };
}

/**
 * The HTML with a link per file before `</head>`: `modulepreload` for a script, `stylesheet` for a
 * sheet (Vite's loader finds it there and neither asks for it again nor waits for it).
 */
export function withPreloads(html: string, files: readonly string[]): string {
  if (files.length === 0) return html;
  const links = files
    .map((file) => `<link rel="${file.endsWith('.css') ? 'stylesheet' : 'modulepreload'}" crossorigin href="${file}">`)
    .join('');
  const at = html.indexOf('</head>');
  return at < 0 ? html : `${html.slice(0, at)}${links}${html.slice(at)}`;
}
