import { describe, expect, it } from '@jest/globals';
import { md006ModelChangeWithoutEvaluation } from '../../src/rules/md-006-model-change-without-evaluation.js';
import { addedFile } from '../support/events.js';
import { factsFor, ruleContext } from '../support/facts.js';

const evaluate = (files: Parameters<typeof factsFor>[0], body: string) =>
  md006ModelChangeWithoutEvaluation.evaluate(factsFor(files, { body }), ruleContext());

describe('MD-006 model or prompt change without evaluation', () => {
  it.each([
    'models/ranker/config.json',
    'src/prompts/system.txt',
    'weights/classifier.onnx',
    'x.safetensors',
    'a/b.gguf',
    'm.pt',
  ])('flags %s when the body has no Evaluation section', (path) => {
    expect(evaluate([{ filename: path, status: 'modified' }], 'Tuned the prompt.')).toEqual([
      expect.objectContaining({ path, line: 0 }),
    ]);
  });

  it('reports one finding for several files, naming the count', () => {
    const findings = evaluate(
      [addedFile('prompts/a.md', ['x']), addedFile('prompts/b.md', ['y'])],
      '',
    );

    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toMatch(/^2 model or prompt file\(s\) change/);
  });

  it.each([
    '## Evaluation\nacc 0.91',
    '**Evaluation**: see run 12',
    'Evaluation: offline suite green',
  ])('accepts a body with an Evaluation section (%j)', (body) => {
    expect(evaluate([addedFile('prompts/a.md', ['x'])], body)).toEqual([]);
  });

  it('ignores changes outside models and prompts (modelsx/, a .ptx file)', () => {
    expect(evaluate([addedFile('modelsx/a.json', ['x']), addedFile('doc.ptx', ['y'])], '')).toEqual(
      [],
    );
  });
});
