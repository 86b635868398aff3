// environments/<env>.tfvars and <env>.backend.hcl against the configuration they feed: only
// declared variables, every required one, the same keys in every environment, and a backend
// that names the bucket, key and lock table the configuration and infra/bootstrap derive.
import type { TfModule } from '../lib/configuration.js';
import { type Scope, evaluate } from '../lib/expressions.js';
import type { VariablesFile } from '../lib/infra.js';

export function checkTfvars(root: TfModule, files: Record<string, VariablesFile>): string[] {
  const findings: string[] = [];
  const declared = [...root.variables.keys()];
  for (const [environment, file] of Object.entries(files)) {
    for (const key of Object.keys(file.body)) {
      if (!root.variables.has(key)) {
        findings.push(
          `${file.path}: "${key}" is not a variable of ${root.dir} (variables: ${declared.join(', ')})`,
        );
      }
    }
    for (const [name, variable] of root.variables) {
      if (!('default' in variable.body) && !(name in file.body)) {
        findings.push(`${file.path}: required variable "${name}" is not set`);
      }
    }
    if ('environment' in file.body && file.body.environment !== environment) {
      findings.push(
        `${file.path}: environment is ${JSON.stringify(file.body.environment)}, expected "${environment}"`,
      );
    }
  }
  const entries = Object.values(files);
  for (const file of entries) {
    for (const other of entries) {
      for (const key of Object.keys(file.body)) {
        if (!(key in other.body))
          findings.push(`${other.path}: does not set "${key}", which ${file.path} sets`);
      }
    }
  }
  return findings;
}

export interface BackendExpectations {
  /** The root module's scope in that environment (its local.state names the backend). */
  terraform: Scope;
  /** infra/bootstrap's scope in that environment (its locals name what it creates). */
  bootstrap: Scope;
}

export function checkBackendConfig(
  backend: VariablesFile,
  expected: BackendExpectations,
): string[] {
  const wanted: Record<string, unknown> = {
    bucket: evaluate(expected.terraform, 'local.state.bucket'),
    key: evaluate(expected.terraform, 'local.state.key'),
    dynamodb_table: evaluate(expected.terraform, 'local.state.lock_table'),
    region: evaluate(expected.terraform, 'var.region'),
    encrypt: true,
    use_lockfile: true,
  };
  const created: Record<string, unknown> = {
    bucket: evaluate(expected.bootstrap, 'local.bucket_name'),
    dynamodb_table: evaluate(expected.bootstrap, 'local.lock_table_name'),
    region: evaluate(expected.bootstrap, 'var.region'),
  };
  const findings: string[] = [];
  for (const [key, value] of Object.entries(wanted)) {
    if (backend.body[key] !== value) {
      findings.push(
        `${backend.path}: ${key} is ${JSON.stringify(backend.body[key])}, ${expected.terraform.module.dir} expects ${JSON.stringify(value)}`,
      );
    }
  }
  for (const [key, value] of Object.entries(created)) {
    if (backend.body[key] !== value) {
      findings.push(
        `${backend.path}: ${key} is ${JSON.stringify(backend.body[key])}, but ${expected.bootstrap.module.dir} creates ${JSON.stringify(value)}`,
      );
    }
  }
  return findings;
}
