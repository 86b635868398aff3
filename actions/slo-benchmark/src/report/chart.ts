// The latency ladder of a scenario as a Mermaid xychart-beta, which GitHub renders in Markdown:
// one bar per percentile, so a long tail shows as a step at the right.
import type { LatencyStats } from '../statistics/analysis.js';

const LADDER = ['p50', 'p90', 'p95', 'p99', 'max'] as const;

const round = (value: number) => Math.round(value * 100) / 100;

export function latencyChart(title: string, stats: LatencyStats): string {
  const values = LADDER.map((key) => round(stats[key]));
  const top = Math.max(1, Math.ceil(Math.max(...values) * 1.1));
  return [
    '```mermaid',
    'xychart-beta',
    `  title "${title.replace(/"/g, "'")}"`,
    `  x-axis [${LADDER.map((label) => `"${label}"`).join(', ')}]`,
    `  y-axis "latency (ms)" 0 --> ${top}`,
    `  bar [${values.join(', ')}]`,
    '```',
  ].join('\n');
}
