import { describe, expect, it } from '@jest/globals';
import type { ChangedFile } from '../../src/contract.js';
import { md002WorkflowPermissionEscalation } from '../../src/rules/md-002-workflow-permission-escalation.js';
import { addedFile } from '../support/events.js';
import { factsFor, ruleContext } from '../support/facts.js';

const evaluate = (...files: ChangedFile[]) =>
  md002WorkflowPermissionEscalation.evaluate(factsFor(files), ruleContext());

// Rules called on facts without YAML documents: the patch fallback. The YAML reading is tested
// through the handler (handler.workflow-yaml.test.ts).
describe('MD-002 workflow permission escalation, read from the patch', () => {
  it('flags permissions: write-all in a workflow', () => {
    const findings = evaluate(
      addedFile('.github/workflows/ci.yml', ['on: push', 'permissions: write-all']),
    );

    expect(findings).toEqual([
      expect.objectContaining({ line: 2, snippet: 'permissions: write-all' }),
    ]);
  });

  it('flags each write scope beyond contents: read', () => {
    const workflow = [
      'permissions:',
      '  contents: read',
      '  pull-requests: write',
      '  id-token: write',
    ];

    expect(
      evaluate(addedFile('.github/workflows/release.yaml', workflow)).map((f) => f.line),
    ).toEqual([3, 4]);
  });

  it('flags pull_request_target with a checkout of the PR head', () => {
    const workflow = [
      'on: pull_request_target',
      'jobs:',
      '  test:',
      '    steps:',
      '      - uses: actions/checkout@11bd71901bbe5b1630ceea73d27597364c9af683',
      '        with:',
      '          ref: ${{ github.event.pull_request.head.sha }}',
    ];

    expect(evaluate(addedFile('.github/workflows/pr.yml', workflow))).toEqual([
      expect.objectContaining({ line: 7 }),
    ]);
  });

  it('accepts read scopes, pull_request_target without a head checkout, and non-workflow files', () => {
    expect(
      evaluate(
        addedFile('.github/workflows/ci.yml', [
          'permissions:',
          '  contents: read',
          '  issues: read',
        ]),
      ),
    ).toEqual([]);
    expect(
      evaluate(
        addedFile('.github/workflows/label.yml', ['on: pull_request_target', '  - run: echo hi']),
      ),
    ).toEqual([]);
    expect(evaluate(addedFile('docs/permissions.yml', ['permissions: write-all']))).toEqual([]);
  });
});
