import { describe, expect, it } from '@jest/globals';
import type { ChangedFile } from '../../src/contract.js';
import { md003UnpinnedAction } from '../../src/rules/md-003-unpinned-action.js';
import { addedFile } from '../support/events.js';
import { factsFor, ruleContext } from '../support/facts.js';

const evaluate = (...files: ChangedFile[]) =>
  md003UnpinnedAction.evaluate(factsFor(files), ruleContext());
const SHA = '11bd71901bbe5b1630ceea73d27597364c9af683';

// Rules called on facts without YAML documents: the patch fallback. The YAML reading is tested
// through the handler (handler.workflow-yaml.test.ts).
describe('MD-003 unpinned third-party action, read from the patch', () => {
  it('flags a tag, a branch and a missing ref', () => {
    const steps = [
      '      - uses: actions/checkout@v4',
      "      - uses: 'docker/login-action@main'",
      '        uses: someone/action',
    ];

    const findings = evaluate(addedFile('.github/workflows/ci.yml', steps));

    expect(findings.map((f) => f.line)).toEqual([1, 2, 3]);
    expect(findings[2]?.message).toContain('has no ref');
  });

  it('flags a Docker image without a digest, in an action.yml too', () => {
    expect(
      evaluate(addedFile('actions/x/action.yml', ['    uses: docker://alpine:3.20'])),
    ).toHaveLength(1);
  });

  it('accepts full SHAs, local and this-repository actions, Docker digests and the repository owner’s own actions', () => {
    const steps = [
      `      - uses: actions/checkout@${SHA} # v4.2.2`,
      '      - uses: ./actions/smoke-test',
      '      - uses: $/actions/smoke-test',
      `      - uses: docker://alpine@sha256:${'a'.repeat(64)}`,
      '      - uses: Codertocat/shared-workflows/.github/workflows/ci.yml@main',
    ];

    expect(evaluate(addedFile('.github/workflows/ci.yml', steps))).toEqual([]);
  });

  it('ignores uses: lines outside workflows and action metadata', () => {
    expect(evaluate(addedFile('docs/example.yml', ['  - uses: actions/checkout@v4']))).toEqual([]);
  });
});
