// environments/<env>.tfvars and <env>.backend.hcl against the configuration they feed: only
// declared variables, every required one, the same keys in every environment, and a backend
// that names the bucket, key and lock table the configuration and infra/bootstrap derive.
import type { ModuleInstance, ModuleTree } from '../lib/configuration.js';
import type { VariablesFile } from '../lib/infra.js';

export function checkTfvars(root: ModuleTree, files: Record<string, VariablesFile>): string[] {
  const findings: string[] = [];
  const { variables, path } = root.configuration;
  const declared = [...variables.keys()].sort();
  for (const [environment, file] of Object.entries(files)) {
    for (const [key, set] of file.values) {
      if (!variables.has(key)) {
        findings.push(
          `${set.at}: "${key}" is not a variable of ${path} (variables: ${declared.join(', ')})`,
        );
      }
    }
    for (const [name, variable] of variables) {
      if (!variable.block.body.attributes.has('default') && !file.values.has(name)) {
        findings.push(`${file.path}: required variable "${name}" is not set`);
      }
    }
    const set = file.values.get('environment');
    if (set && set.value !== environment) {
      findings.push(
        `${set.at}: environment is ${JSON.stringify(set.value)}, expected "${environment}"`,
      );
    }
  }
  const entries = Object.values(files);
  for (const file of entries) {
    for (const other of entries) {
      for (const key of file.values.keys()) {
        if (!other.values.has(key))
          findings.push(`${other.path}: does not set "${key}", which ${file.path} sets`);
      }
    }
  }
  return findings;
}

export interface BackendExpectations {
  /** The root module evaluated for that environment (its local.state names the backend). */
  terraform: ModuleInstance;
  /** infra/bootstrap evaluated for that environment (its locals name what it creates). */
  bootstrap: ModuleInstance;
}

export function checkBackendConfig(
  backend: VariablesFile,
  expected: BackendExpectations,
): string[] {
  const wanted: Record<string, unknown> = {
    bucket: expected.terraform.evaluateText('local.state.bucket'),
    key: expected.terraform.evaluateText('local.state.key'),
    dynamodb_table: expected.terraform.evaluateText('local.state.lock_table'),
    region: expected.terraform.evaluateText('var.region'),
    encrypt: true,
    use_lockfile: true,
  };
  const created: Record<string, unknown> = {
    bucket: expected.bootstrap.evaluateText('local.bucket_name'),
    dynamodb_table: expected.bootstrap.evaluateText('local.lock_table_name'),
    region: expected.bootstrap.evaluateText('var.region'),
  };
  const findings: string[] = [];
  const where = (key: string) => backend.values.get(key)?.at ?? backend.path;
  const actual = (key: string) => JSON.stringify(backend.values.get(key)?.value);
  for (const [key, value] of Object.entries(wanted)) {
    if (backend.values.get(key)?.value !== value) {
      findings.push(
        `${where(key)}: ${key} is ${actual(key)}, ${expected.terraform.configuration.path} expects ${JSON.stringify(value)}`,
      );
    }
  }
  for (const [key, value] of Object.entries(created)) {
    if (backend.values.get(key)?.value !== value) {
      findings.push(
        `${where(key)}: ${key} is ${actual(key)}, but ${expected.bootstrap.configuration.path} creates ${JSON.stringify(value)}`,
      );
    }
  }
  return findings;
}
