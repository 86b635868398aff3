// Module wiring as terraform validate would see it, without a Terraform binary: arguments,
// required variables, output and variable references, and documented, typed interfaces.
import {
  type Block,
  MODULE_META_ARGUMENTS,
  type TfModule,
  allModules,
  describeBlock,
} from '../lib/configuration.js';
import { splitTemplate } from '../lib/scan.js';

function interpolations(value: unknown): string[] {
  if (typeof value === 'string') {
    return splitTemplate(value).flatMap((part) => ('expression' in part ? [part.expression] : []));
  }
  if (Array.isArray(value)) return value.flatMap(interpolations);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, inner]) => [
      ...interpolations(key),
      ...interpolations(inner),
    ]);
  }
  return [];
}

function blocksOf(module: TfModule): Block[] {
  return [
    ...module.resources,
    ...module.data,
    ...module.outputs.values(),
    ...module.moduleCalls.values(),
    ...module.variables.values(),
  ];
}

function referenceFindings(module: TfModule): string[] {
  const findings: string[] = [];
  const localsBlock: Block = { kind: 'locals', labels: [], body: module.locals, file: module.dir };
  for (const block of [...blocksOf(module), localsBlock]) {
    for (const expression of interpolations(block.body)) {
      for (const [, call, output] of expression.matchAll(/\bmodule\.([\w-]+)\.([\w-]+)/g)) {
        const child = module.children.get(call as string);
        if (!module.moduleCalls.has(call as string)) {
          findings.push(
            `${describeBlock(block)}: module.${call}.${output} names no module call in ${module.dir}`,
          );
        } else if (child && !child.outputs.has(output as string)) {
          findings.push(
            `${describeBlock(block)}: module.${call}.${output} is not an output of ${child.dir} (outputs: ${[...child.outputs.keys()].join(', ')})`,
          );
        }
      }
      for (const [, name] of expression.matchAll(/(?<![\w.])var\.([\w-]+)/g)) {
        if (!module.variables.has(name as string)) {
          findings.push(`${describeBlock(block)}: var.${name} is not declared in ${module.dir}`);
        }
      }
      for (const [, name] of expression.matchAll(/(?<![\w.])local\.([\w-]+)/g)) {
        if (!((name as string) in module.locals)) {
          findings.push(`${describeBlock(block)}: local.${name} is not defined in ${module.dir}`);
        }
      }
    }
  }
  return findings;
}

function callFindings(module: TfModule): string[] {
  const findings: string[] = [];
  for (const [name, call] of module.moduleCalls) {
    const child = module.children.get(name);
    if (!child) continue;
    for (const argument of Object.keys(call.body)) {
      if (MODULE_META_ARGUMENTS.includes(argument) || child.variables.has(argument)) continue;
      findings.push(
        `${describeBlock(call)}: passes "${argument}", which ${child.dir} does not declare (variables: ${[...child.variables.keys()].join(', ')})`,
      );
    }
    for (const [variable, declared] of child.variables) {
      if ('default' in declared.body || variable in call.body) continue;
      findings.push(
        `${describeBlock(call)}: does not pass "${variable}", which ${child.dir} requires (no default)`,
      );
    }
  }
  return findings;
}

function interfaceFindings(module: TfModule): string[] {
  const findings: string[] = [];
  for (const variable of module.variables.values()) {
    if (typeof variable.body.description !== 'string' || variable.body.description.trim() === '') {
      findings.push(`${describeBlock(variable)}: has no description`);
    }
    const type = variable.body.type;
    if (typeof type !== 'string' || type.trim() === '') {
      findings.push(
        `${describeBlock(variable)}: has no type (declare a precise one, e.g. object({...}))`,
      );
    } else if (/\bany\b/.test(type)) {
      findings.push(
        `${describeBlock(variable)}: has type ${type}; declare a precise type instead of any`,
      );
    }
  }
  for (const output of module.outputs.values()) {
    if (typeof output.body.description !== 'string' || output.body.description.trim() === '') {
      findings.push(`${describeBlock(output)}: has no description`);
    }
  }
  return findings;
}

/** Every wiring and interface problem in the configuration, one message each. */
export function checkModuleWiring(root: TfModule): string[] {
  return allModules(root).flatMap((module) => [
    ...callFindings(module),
    ...referenceFindings(module),
    ...interfaceFindings(module),
  ]);
}
