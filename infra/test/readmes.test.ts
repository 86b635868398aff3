import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkReadmeDocumentsInterface } from './checks/readmes.js';
import type { ModuleTree } from './lib/configuration.js';
import { REPO_ROOT, repoPath } from './lib/hcl-files.js';
import {
  BOOTSTRAP_DIR,
  FIXTURES_DIR,
  INFRA_DIR,
  TERRAFORM_DIR,
  loadConfiguration,
} from './lib/infra.js';

async function readme(path: string): Promise<{ path: string; text: string }> {
  return { path: repoPath(path), text: await readFile(path, 'utf8') };
}

describe('module READMEs', () => {
  let terraform: ModuleTree;
  let bootstrap: ModuleTree;

  beforeAll(() => {
    terraform = loadConfiguration(TERRAFORM_DIR);
    bootstrap = loadConfiguration(BOOTSTRAP_DIR);
  });

  it('document every input and output of every module', async () => {
    const documented: Array<[ModuleTree, string]> = [
      [terraform, join(INFRA_DIR, 'README.md')],
      [bootstrap, join(BOOTSTRAP_DIR, 'README.md')],
      ...[...terraform.children.values()].map((module): [ModuleTree, string] => [
        module,
        join(REPO_ROOT, module.configuration.path, 'README.md'),
      ]),
    ];

    const findings = await Promise.all(
      documented.map(async ([module, path]) =>
        checkReadmeDocumentsInterface(module, await readme(path)),
      ),
    );

    expect(findings.flat()).toEqual([]);
  });

  it('fails for a README that leaves an output out', async () => {
    const fixture = join(FIXTURES_DIR, 'readme');

    const findings = checkReadmeDocumentsInterface(
      loadConfiguration(fixture),
      await readme(join(fixture, 'README.md')),
    );

    expect(findings).toEqual([
      'infra/test/fixtures/readme/README.md: does not document the output `table_arn` of infra/test/fixtures/readme',
    ]);
  });
});
