import type { Rule } from './rule.js';

const MODEL_DIRECTORY = /(^|\/)(models|prompts)\//;
const MODEL_ARTIFACT = /\.(onnx|pt|safetensors|gguf)$/i;
/** A Markdown heading, a bold line or a `label:` line named Evaluation. */
const EVALUATION_SECTION = /^\s*(?:#{1,6}\s*Evaluation\b|\*\*Evaluation\b|Evaluation\s*:)/im;

function isModelOrPrompt(path: string): boolean {
  return MODEL_DIRECTORY.test(path) || MODEL_ARTIFACT.test(path);
}

export const md006ModelChangeWithoutEvaluation: Rule = {
  id: 'MD-006',
  version: '1.0.0',
  severity: 'high',
  rationale:
    'A model or prompt change alters behaviour without changing code; its evaluation results are ' +
    'the only review evidence, so the PR must carry them.',
  evaluate(facts) {
    const changed = facts.files.filter((file) => isModelOrPrompt(file.path));
    const first = changed[0];
    if (!first || EVALUATION_SECTION.test(facts.body ?? '')) return [];
    return [
      {
        message: `${changed.length} model or prompt file(s) change (first: ${first.path}) and the PR body has no "Evaluation" section; add the evaluation results.`,
        path: first.path,
        content: `pr:${facts.number}`,
        line: 0,
        snippet: first.path,
      },
    ];
  },
};
