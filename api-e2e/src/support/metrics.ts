/** Samples of a Prometheus text exposition, keyed by `name{labels}` exactly as the server writes them. */
export type Samples = Map<string, number>;

export async function scrapeMetrics(baseUrl: string): Promise<Samples> {
  const res = await fetch(`${baseUrl}/api/metrics`);
  if (res.status !== 200) throw new Error(`GET /api/metrics answered ${res.status}`);
  return parseMetrics(await res.text());
}

export function parseMetrics(text: string): Samples {
  const samples: Samples = new Map();
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const space = line.lastIndexOf(' ');
    samples.set(line.slice(0, space), Number(line.slice(space + 1)));
  }
  return samples;
}

/** The sample `name{label="value",...}` (labels in the order given, as prom-client writes them); 0 when absent. */
export function sample(samples: Samples, name: string, labels: Record<string, string> = {}): number {
  const entries = Object.entries(labels);
  const key = entries.length === 0 ? name : `${name}{${entries.map(([k, v]) => `${k}="${v}"`).join(',')}}`;
  return samples.get(key) ?? 0;
}

/** How much each sample moved between two scrapes. */
export function delta(before: Samples, after: Samples, name: string, labels: Record<string, string> = {}): number {
  return sample(after, name, labels) - sample(before, name, labels);
}
