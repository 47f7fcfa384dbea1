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

export function renderChart(title: string, summaries: TargetSummary[]): string {
  const names = Object.keys(summaries[0].metrics);
  const panel = summaries.length * (BAR + GAP) + 14;
  const height = 60 + names.length * panel + 30;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="22" font-size="15" font-weight="bold">${escape(title)}</text>`,
  ];
  summaries.forEach((s, i) => {
    const x = 10 + i * 150;
    parts.push(`<rect x="${x}" y="34" width="12" height="12" fill="${COLORS[i % COLORS.length]}"/>`);
    parts.push(`<text x="${x + 16}" y="45">${escape(s.target)}</text>`);
  });
  names.forEach((name, m) => {
    const top = 60 + m * panel;
    const values = summaries.map((s) => s.metrics[name]);
    const max = Math.max(...values.filter(Number.isFinite), 1e-9);
    parts.push(`<text x="10" y="${top + 14}">${escape(name)}</text>`);
    values.forEach((value, i) => {
      const y = top + i * (BAR + GAP);
      const width = Number.isFinite(value) ? Math.max(1, ((WIDTH - LABEL - 80) * value) / max) : 0;
      parts.push(`<rect x="${LABEL}" y="${y}" width="${width.toFixed(1)}" height="${BAR}" fill="${COLORS[i % COLORS.length]}"/>`);
      parts.push(`<text x="${LABEL + width + 4}" y="${y + 12}">${formatNumber(value)}</text>`);
    });
  });
  parts.push('</svg>');
  return parts.join('\n');
}
