import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkFormatting } from './checks/formatting.js';
import { checkSyntax } from './checks/syntax.js';
import { listHclFilesRecursively, repoPath } from './lib/hcl-files.js';
import { FIXTURES_DIR, INFRA_DIR } from './lib/infra.js';

describe('HCL files under infra/', () => {
  let paths: string[];

  beforeAll(async () => {
    paths = (await listHclFilesRecursively(INFRA_DIR)).filter(
      (path) => !path.startsWith(FIXTURES_DIR),
    );
  });

  it('finds the configuration, the modules, both environments and bootstrap', () => {
    const relative = paths.map(repoPath);

    expect(relative).toEqual(
      expect.arrayContaining([
        'infra/terraform/main.tf',
        'infra/terraform/modules/iam/policies.tf',
        'infra/terraform/environments/staging.tfvars',
        'infra/terraform/environments/production.backend.hcl',
        'infra/bootstrap/main.tf',
      ]),
    );
  });

  describe('syntax', () => {
    it('parses every .tf, .tfvars and .hcl file', async () => {
      expect(await checkSyntax(paths)).toEqual([]);
    });

    it('reports a syntax error as file:line:column with what HCL expected', async () => {
      const findings = await checkSyntax([join(FIXTURES_DIR, 'syntax', 'broken.tf')]);

      expect(findings).toEqual([
        expect.stringMatching(
          /^infra\/test\/fixtures\/syntax\/broken\.tf:3:23: Invalid expression; Expected the start of an expression/,
        ),
      ]);
    });
  });

  describe('terraform fmt (indentation and "=" alignment)', () => {
    it('leaves nothing for terraform fmt to change', async () => {
      const findings = await Promise.all(
        paths.map(async (path) => checkFormatting(repoPath(path), await readFile(path, 'utf8'))),
      );

      expect(findings.flat()).toEqual([]);
    });

    it('fails for a misaligned "=" and a wrong indentation', async () => {
      const path = join(FIXTURES_DIR, 'formatting', 'misformatted.tf');

      const findings = checkFormatting(repoPath(path), await readFile(path, 'utf8'));

      expect(findings).toEqual([
        'infra/test/fixtures/formatting/misformatted.tf:4: indented 4 spaces, terraform fmt indents 2',
        'infra/test/fixtures/formatting/misformatted.tf:2: terraform fmt aligns this "=" at column 21',
      ]);
    });
  });
});
