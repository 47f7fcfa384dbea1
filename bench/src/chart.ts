/**
 * An SVG bar chart of a run: one panel per metric, one bar per target (the
 * median), each panel scaled to its own largest value. Plain SVG text, so it
 * opens in any browser and needs no plotting library.
 */
import { formatNumber, TargetSummary } from './report';

const COLORS = ['#8a8f98', '#3f6ad8', '#d9822b', '#2e9e6b', '#b0417a'];
const WIDTH = 720;
const LABEL = 230;
const BAR = 16;
const GAP = 4;

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Words into lines of at most `width` characters. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines[lines.length - 1];
    if (last !== undefined && last.length + word.length < width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

export function renderChart(title: string, description: string, summaries: TargetSummary[]): string {
  const names = Object.keys(summaries[0].metrics);
  const about = wrap(description, 110);
  const top = 60 + about.length * 14;
  const panel = summaries.length * (BAR + GAP) + 14;
  const height = top + names.length * panel + 30;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="22" font-size="15" font-weight="bold">${escape(title)}</text>`,
    ...about.map((line, i) => `<text x="10" y="${40 + i * 14}" font-size="11" fill="#444">${escape(line)}</text>`),
  ];
  summaries.forEach((s, i) => {
    const x = 10 + i * 150;
    parts.push(`<rect x="${x}" y="${top - 26}" width="12" height="12" fill="${COLORS[i % COLORS.length]}"/>`);
    parts.push(`<text x="${x + 16}" y="${top - 15}">${escape(s.target)}</text>`);
  });
  names.forEach((name, m) => {
    const y0 = top + m * panel;
    const values = summaries.map((s) => s.metrics[name]);
    const max = Math.max(...values.filter(Number.isFinite), 1e-9);
    parts.push(`<text x="10" y="${y0 + 14}">${escape(name)}</text>`);
    values.forEach((value, i) => {
      const y = y0 + i * (BAR + GAP);
      const width = Number.isFinite(value) ? Math.max(1, ((WIDTH - LABEL - 80) * value) / max) : 0;
      parts.push(`<rect x="${LABEL}" y="${y}" width="${width.toFixed(1)}" height="${BAR}" fill="${COLORS[i % COLORS.length]}"/>`);
      parts.push(`<text x="${LABEL + width + 4}" y="${y + 12}">${formatNumber(value)}</text>`);
    });
  });
  parts.push('</svg>');
  return parts.join('\n');
}
