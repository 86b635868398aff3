// Import rules the code keeps by itself: no import cycle, actions reach the Oracle only through
// its contract, tests use only their own folder's test support, and benchmarks import no test
// code. Support that tests of several folders share lives in a test-harness folder's src/.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import { importX } from 'eslint-plugin-import-x';
import { noImportCycle } from './no-import-cycle.mjs';

/** The test/ folders, one per owner: each action, the Oracle, infra, scripts, each harness part. */
export function testFolders(/** @type {string} */ root) {
  const owners = ['oracle', 'infra', 'scripts'];
  for (const parent of ['actions', 'test-harness']) {
    for (const entry of readdirSync(join(root, parent), { withFileTypes: true })) {
      if (entry.isDirectory()) owners.push(`${parent}/${entry.name}`);
    }
  }
  return owners
    .filter((owner) => existsSync(join(root, owner, 'test')))
    .map((owner) => `${owner}/test`);
}

export function importBoundaries(/** @type {string} */ root) {
  const tests = testFolders(root);
  const zones = [
    {
      target: './actions',
      from: './oracle',
      except: ['./src/contract.ts'],
      message: 'Actions use the Oracle only through oracle/src/contract.ts, its public contract.',
    },
    {
      target: './bench',
      from: tests.map((folder) => `./${folder}`),
      message:
        "Benchmarks import no test code; move what they share with tests to a test-harness folder's src/.",
    },
    ...tests.map((folder) => ({
      target: `./${folder}`,
      from: tests.filter((other) => other !== folder).map((other) => `./${other}`),
      message:
        "Tests use only their own folder's test support; move what several folders share to a test-harness folder's src/.",
    })),
  ];
  return {
    files: ['**/*.ts', '**/*.js', '**/*.mjs'],
    plugins: { 'import-x': importX, local: { rules: { 'no-import-cycle': noImportCycle } } },
    settings: {
      'import-x/resolver-next': [
        createTypeScriptImportResolver({ project: join(root, 'tsconfig.json') }),
      ],
    },
    rules: {
      'local/no-import-cycle': 'error',
      'import-x/no-restricted-paths': ['error', { basePath: root, zones }],
    },
  };
}
