import { beforeAll, describe, expect, it } from '@jest/globals';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { checkFormatting } from './checks/formatting.js';
import { checkSyntax } from './checks/syntax.js';
import { listHclFilesRecursively, repoPath } from './lib/hcl-files.js';
import { FIXTURES_DIR, INFRA_DIR } from './lib/infra.js';
import { readHclFile } from '../../test-harness/local-staging/src/terraform/configuration.js';

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

    it("is read by the evaluator's own HCL reader too (every check reads the files through it)", () => {
      const unread = paths.flatMap((path) => {
        try {
          readHclFile(path);
          return [];
        } catch (error) {
          return [(error as Error).message];
        }
      });

      expect(unread).toEqual([]);
    });

    it("reports a syntax error at the same line in HCL's reader and the evaluator's", () => {
      expect(() => readHclFile(join(FIXTURES_DIR, 'syntax', 'broken.tf'))).toThrow(
        /broken\.tf:3:23: expected the start of an expression after "kms_master_key_id ="/,
      );
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
