import { beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { checkModuleWiring } from './checks/module-wiring.js';
import { type TfModule, loadModule } from './lib/configuration.js';
import { BOOTSTRAP_DIR, FIXTURES_DIR, TERRAFORM_DIR } from './lib/infra.js';

describe('module wiring', () => {
  let terraform: TfModule;
  let bootstrap: TfModule;

  beforeAll(async () => {
    terraform = await loadModule(TERRAFORM_DIR);
    bootstrap = await loadModule(BOOTSTRAP_DIR);
  });

  it('loads the root module and its seven local modules', () => {
    expect([...terraform.children.keys()].sort()).toEqual([
      'domain',
      'dynamodb',
      'iam',
      'kms',
      'monitoring',
      'oracle',
      'ssm',
    ]);
  });

  it('passes only declared variables, every required one, and references declared outputs', () => {
    expect(checkModuleWiring(terraform)).toEqual([]);
    expect(checkModuleWiring(bootstrap)).toEqual([]);
  });

  it('fails on an undeclared argument, a missing required variable and an unknown output', async () => {
    const fixture = await loadModule(join(FIXTURES_DIR, 'module-wiring'));

    const findings = checkModuleWiring(fixture);

    expect(findings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/module "child": passes "table_nme", which .* does not declare/),
        expect.stringMatching(/module "child": does not pass "table_name", which .* requires/),
        expect.stringMatching(
          /module\.child\.table_arn is not an output of .*\(outputs: table_name\)/,
        ),
        expect.stringMatching(/var\.undeclared is not declared/),
      ]),
    );
  });

  it('fails on a variable without description or type and an output without description', async () => {
    const fixture = await loadModule(join(FIXTURES_DIR, 'module-wiring'));

    const findings = checkModuleWiring(fixture);

    expect(findings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/variable "untyped": has no type/),
        expect.stringMatching(/variable "untyped": has no description/),
        expect.stringMatching(/variable "anything": has type \$\{any\}/),
        expect.stringMatching(/output "undocumented": has no description/),
      ]),
    );
  });
});
