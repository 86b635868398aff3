// Searches everything a step produced for planted canary secrets, in the forms a leak takes:
// as-is, base64, and JSON-escaped.
import type { StepResult } from './run-action.js';

export type Surface =
  'log' | 'stderr' | 'debug' | 'annotations' | 'outputs' | 'exportedEnv' | 'state' | 'summary';

export interface CanaryHit {
  surface: Surface;
  /** Output, variable or state name, when the surface has names. */
  key?: string;
  form: 'raw' | 'base64' | 'json';
  canary: string;
}

export interface CanarySearchOptions {
  /** Names that may legitimately carry a canary, per surface (e.g. exportedEnv AWS_SECRET_ACCESS_KEY). */
  allow?: Partial<Record<Surface, string[]>>;
}

function forms(canary: string): Array<[CanaryHit['form'], string]> {
  const all: Array<[CanaryHit['form'], string]> = [
    ['raw', canary],
    ['base64', Buffer.from(canary, 'utf8').toString('base64')],
    ['json', JSON.stringify(canary).slice(1, -1)],
  ];
  return all.filter(([form, needle], i) => i === 0 || (needle !== canary && form !== 'raw'));
}

/** Searches a step (and its post: step, when it has one). */
export function findCanaries(
  step: StepResult,
  canaries: string[],
  options: CanarySearchOptions = {},
): CanaryHit[] {
  const texts: Array<{ surface: Surface; key?: string; text: string }> = [
    { surface: 'log', text: step.log },
    { surface: 'stderr', text: step.stderr },
    { surface: 'debug', text: step.debug.join('\n') },
    { surface: 'annotations', text: step.annotations.map((a) => a.message).join('\n') },
    { surface: 'summary', text: step.summary },
  ];
  const named: Array<[Surface, Record<string, string>]> = [
    ['outputs', step.outputs],
    ['exportedEnv', step.exportedEnv],
    ['state', step.state],
  ];
  for (const [surface, values] of named) {
    for (const [key, text] of Object.entries(values)) {
      if (options.allow?.[surface]?.includes(key)) continue;
      texts.push({ surface, key, text: `${key}=${text}` });
    }
  }
  const hits: CanaryHit[] = [];
  const post = (step as { post?: StepResult }).post;
  if (post) hits.push(...findCanaries(post, canaries, options));
  for (const canary of canaries) {
    for (const [form, needle] of forms(canary)) {
      for (const { surface, key, text } of texts) {
        if (text.includes(needle)) hits.push({ surface, key, form, canary });
      }
    }
  }
  return hits;
}
