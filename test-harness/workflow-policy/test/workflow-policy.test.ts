import { describe, expect, it } from '@jest/globals';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { checkActionFile, checkWorkflow, readmeTableNames } from '../src/workflow-policy.js';

const root = join(import.meta.dirname, '../../..');
const workflowDir = join(root, '.github/workflows');
const workflows = readdirSync(workflowDir).filter((f) => /\.ya?ml$/.test(f));
const actions = readdirSync(join(root, 'actions')).filter((name) =>
  existsSync(join(root, 'actions', name, 'action.yml')),
);
const CHECKOUT = 'actions/checkout@34e114876b0b11c390a56381ad16ebd13914f8d5 # v4.3.1';

describe('workflow policy', () => {
  it.each(workflows)('%s follows the house rules', (file) => {
    const path = join(workflowDir, file);

    expect(checkWorkflow(path, readFileSync(path, 'utf8'))).toEqual([]);
  });

  it.each(actions)('actions/%s/action.yml is complete and safe', (name) => {
    const dir = join(root, 'actions', name);
    const path = join(dir, 'action.yml');

    expect(
      checkActionFile(path, readFileSync(path, 'utf8'), (rel) => existsSync(join(dir, rel))),
    ).toEqual([]);
  });

  it.each(actions)("actions/%s/README.md lists exactly the action's inputs and outputs", (name) => {
    const dir = join(root, 'actions', name);
    const action = parse(readFileSync(join(dir, 'action.yml'), 'utf8')) as {
      inputs?: object;
      outputs?: object;
    };
    const readme = readFileSync(join(dir, 'README.md'), 'utf8');

    expect(readmeTableNames(readme, 'Inputs').sort()).toEqual(
      Object.keys(action.inputs ?? {}).sort(),
    );
    expect(readmeTableNames(readme, 'Outputs').sort()).toEqual(
      Object.keys(action.outputs ?? {}).sort(),
    );
  });
});

describe('checkWorkflow', () => {
  const workflow = (job: string, top = 'permissions: {}') =>
    `on: push\n${top}\njobs:\n  build:\n${job}`;

  it('flags a third-party action pinned to a tag', () => {
    const source = workflow(
      '    permissions: {}\n    steps:\n      - uses: actions/setup-node@v4\n',
    );

    expect(checkWorkflow('w.yml', source)[0]?.problem).toContain(
      'not pinned to a full 40-character commit SHA',
    );
  });

  it('flags a SHA pin without a version comment', () => {
    const source = workflow(
      '    permissions: {}\n    steps:\n      - uses: actions/setup-node@49933ea5288caeca8642d1e84afbd3f7d6820020\n',
    );

    expect(checkWorkflow('w.yml', source)[0]?.problem).toContain('no version comment');
  });

  it('flags an expression inside run:', () => {
    const source = workflow(
      '    permissions: {}\n    steps:\n      - run: echo "${{ github.event.pull_request.title }}"\n',
    );

    expect(checkWorkflow('w.yml', source)[0]?.problem).toContain("pass the value through 'env:'");
  });

  it('flags id-token: write on a job without oidc-assume, and a missing top-level permissions', () => {
    const source = `on: push\njobs:\n  build:\n    permissions:\n      id-token: write\n    steps:\n      - run: echo hi\n`;

    expect(checkWorkflow('w.yml', source).map((f) => f.problem)).toEqual([
      "no top-level 'permissions:'; set 'permissions: {}' (or read-only) and grant per job",
      "'id-token: write' on a job that does not use oidc-assume; remove it",
    ]);
  });

  it('flags a checkout that keeps the token', () => {
    const source = workflow(`    permissions: {}\n    steps:\n      - uses: ${CHECKOUT}\n`);

    expect(checkWorkflow('w.yml', source)[0]?.problem).toContain('persist-credentials: false');
  });

  it('accepts a job that follows every rule', () => {
    const source = workflow(
      `    permissions:\n      contents: read\n      id-token: write\n    steps:\n      - uses: ${CHECKOUT}\n        with:\n          persist-credentials: false\n      - uses: ./actions/oidc-assume\n      - run: echo "$VALUE"\n        env:\n          VALUE: \${{ github.ref }}\n`,
    );

    expect(checkWorkflow('w.yml', source)).toEqual([]);
  });
});

describe('checkActionFile', () => {
  it('flags missing descriptions, a wrong runtime and a missing bundle', () => {
    const source = 'name: x\ninputs:\n  a: {}\nruns:\n  using: node20\n';

    expect(checkActionFile('action.yml', source, () => false).map((f) => f.where)).toEqual([
      'description',
      'inputs.a',
      'runs.using',
    ]);
    expect(
      checkActionFile(
        'action.yml',
        'name: x\ndescription: y\nruns:\n  using: node24\n  main: ../../dist/x/index.js\n',
        () => false,
      )[0]?.problem,
    ).toContain("run 'npm run build'");
  });

  it('flags expressions in composite run steps', () => {
    const source =
      'name: x\ndescription: y\nruns:\n  using: composite\n  steps:\n    - run: echo ${{ inputs.a }}\n      shell: bash\n';

    expect(checkActionFile('action.yml', source, () => true)[0]?.problem).toContain(
      'script injection',
    );
  });
});
