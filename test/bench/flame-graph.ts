/** A flame graph as a standalone SVG (no script): one bar per frame, as wide as its samples, callers below callees on top. */
export interface Frame {
  name: string;
  value: number;
  children: Map<string, Frame>;
}

const WIDTH = 1600;
const ROW = 16;
/** Frames narrower than this (px) are left out: they are unreadable and bloat the file. */
const MIN_WIDTH = 0.5;

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function depthOf(frame: Frame, scale: number): number {
  let deepest = 0;
  for (const child of frame.children.values()) if (child.value * scale >= MIN_WIDTH) deepest = Math.max(deepest, depthOf(child, scale));
  return deepest + 1;
}

/** A stable warm colour per name (the flame graph convention), blue for Sidang's own code. */
function colourOf(name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + char.charCodeAt(0)) | 0;
  const shade = Math.abs(hash) % 60;
  if (/ (server|shared)\//.test(name)) return `rgb(${80 + shade},${140 + shade},230)`;
  return `rgb(230,${100 + shade * 2},${40 + shade})`;
}

export function flameGraphSvg(root: Frame): string {
  const scale = WIDTH / Math.max(1, root.value);
  const depth = depthOf(root, scale);
  const height = depth * ROW + 30;
  const bars: string[] = [];
  const draw = (frame: Frame, x: number, level: number) => {
    const width = frame.value * scale;
    if (width < MIN_WIDTH) return;
    const y = height - (level + 1) * ROW;
    const share = ((100 * frame.value) / root.value).toFixed(1);
    const label = width > 40 ? escapeXml(frame.name.slice(0, Math.floor(width / 6.5))) : '';
    bars.push(
      `<g><title>${escapeXml(frame.name)} (${frame.value} samples, ${share} %)</title><rect x="${x.toFixed(1)}" y="${y}" width="${width.toFixed(1)}" height="${ROW - 1}" fill="${colourOf(frame.name)}"/>${label ? `<text x="${(x + 3).toFixed(1)}" y="${y + 11}">${label}</text>` : ''}</g>`,
    );
    let at = x;
    for (const child of [...frame.children.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
      draw(child, at, level + 1);
      at += child.value * scale;
    }
  };
  draw(root, 0, 0);
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="monospace" font-size="11">
<title>Flame graph: ${escapeXml(root.name)}</title>
<rect width="100%" height="100%" fill="#fff"/>
<text x="4" y="14" font-size="13">${escapeXml(root.name)}: hover a bar for its frame and share</text>
${bars.join('\n')}
</svg>
`;
}
