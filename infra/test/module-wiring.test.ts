import { beforeAll, describe, expect, it } from '@jest/globals';
import { join } from 'node:path';
import { checkModuleWiring } from './checks/module-wiring.js';
import type { ModuleTree } from './lib/configuration.js';
import { BOOTSTRAP_DIR, FIXTURES_DIR, TERRAFORM_DIR, loadConfiguration } from './lib/infra.js';

describe('module wiring', () => {
  let terraform: ModuleTree;
  let bootstrap: ModuleTree;

  beforeAll(() => {
    terraform = loadConfiguration(TERRAFORM_DIR);
    bootstrap = loadConfiguration(BOOTSTRAP_DIR);
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

  it('fails on an undeclared argument, a missing required variable and an unknown output', () => {
    const fixture = loadConfiguration(join(FIXTURES_DIR, 'module-wiring'));

    const findings = checkModuleWiring(fixture);

    expect(findings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/module "child": passes "table_nme", which .* does not declare/),
        expect.stringMatching(/module "child": does not pass "table_name", which .* requires/),
        expect.stringMatching(
          /^infra\/test\/fixtures\/module-wiring\/main\.tf:15: output "undocumented": module\.child\.table_arn is not an output of .*\(outputs: table_name\)/,
        ),
        expect.stringMatching(/main\.tf:20: output "stray": var\.undeclared is not declared/),
      ]),
    );
  });

  it('fails on a variable without description or type and an output without description', () => {
    const fixture = loadConfiguration(join(FIXTURES_DIR, 'module-wiring'));

    const findings = checkModuleWiring(fixture);

    expect(findings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/variable "untyped": has no type/),
        expect.stringMatching(/variable "untyped": has no description/),
        expect.stringMatching(
          /main\.tf:3: variable "anything": has type any; declare a precise type/,
        ),
        expect.stringMatching(/output "undocumented": has no description/),
      ]),
    );
  });
});
