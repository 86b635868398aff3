// Module wiring as terraform validate would see it, without a Terraform binary: arguments,
// required variables, output and variable references, and documented, typed interfaces. Read
// from the evaluator's parsed tree, so every finding names the file and line.
import {
  references,
  type Expression,
} from '../../../test-harness/local-staging/src/terraform/expression-ast.js';
import type { Body } from '../../../test-harness/local-staging/src/terraform/hcl-parser.js';
import {
  allModules,
  blockName,
  describeBlock,
  type Declared,
  type ModuleTree,
} from '../lib/configuration.js';

/** Module call arguments that are not the child's variables. */
const MODULE_META_ARGUMENTS = new Set([
  'source',
  'version',
  'providers',
  'depends_on',
  'count',
  'for_each',
]);

function expressionsOf(body: Body): Expression[] {
  return [
    ...[...body.attributes.values()].map((attribute) => attribute.expression),
    ...body.blocks.flatMap((block) => expressionsOf(block.body)),
  ];
}

function declarations(tree: ModuleTree): Declared[] {
  const { configuration } = tree;
  return [
    ...[...configuration.resources.values(), ...configuration.data.values()].flatMap((byName) => [
      ...byName.values(),
    ]),
    ...configuration.outputs.values(),
    ...configuration.modules.values(),
    ...configuration.variables.values(),
  ];
}

function referenceFindings(tree: ModuleTree): string[] {
  const { configuration, children } = tree;
  const uses: Array<{ where: string; expression: Expression; at: (offset: number) => string }> = [
    ...declarations(tree).flatMap((declared) =>
      expressionsOf(declared.block.body).map((expression) => ({
        where: blockName(declared),
        expression,
        at: (offset: number) => declared.source.at(offset),
      })),
    ),
    ...[...configuration.locals].map(([name, local]) => ({
      where: `local.${name}`,
      expression: local.attribute.expression,
      at: (offset: number) => local.source.at(offset),
    })),
  ];
  const findings: string[] = [];
  for (const { where, expression, at } of uses) {
    for (const { path, node } of references(expression)) {
      const [root, first, second] = path;
      const place = `${at(node.start)}: ${where}`;
      if (root === 'module' && first !== undefined && second !== undefined) {
        const child = children.get(first);
        if (!configuration.modules.has(first)) {
          findings.push(
            `${place}: module.${first}.${second} names no module call in ${configuration.path}`,
          );
        } else if (child && !child.configuration.outputs.has(second)) {
          findings.push(
            `${place}: module.${first}.${second} is not an output of ${child.configuration.path} (outputs: ${[...child.configuration.outputs.keys()].join(', ')})`,
          );
        }
      } else if (root === 'var' && first !== undefined && !configuration.variables.has(first)) {
        findings.push(`${place}: var.${first} is not declared in ${configuration.path}`);
      } else if (root === 'local' && first !== undefined && !configuration.locals.has(first)) {
        findings.push(`${place}: local.${first} is not defined in ${configuration.path}`);
      }
    }
  }
  return findings;
}

function callFindings(tree: ModuleTree): string[] {
  const findings: string[] = [];
  for (const [name, call] of tree.configuration.modules) {
    const child = tree.children.get(name);
    if (!child) continue;
    const variables = child.configuration.variables;
    const passed = call.block.body.attributes;
    for (const argument of passed.keys()) {
      if (MODULE_META_ARGUMENTS.has(argument) || variables.has(argument)) continue;
      findings.push(
        `${describeBlock(call)}: passes "${argument}", which ${child.configuration.path} does not declare (variables: ${[...variables.keys()].join(', ')})`,
      );
    }
    for (const [variable, declared] of variables) {
      if (declared.block.body.attributes.has('default') || passed.has(variable)) continue;
      findings.push(
        `${describeBlock(call)}: does not pass "${variable}", which ${child.configuration.path} requires (no default)`,
      );
    }
  }
  return findings;
}

/** A literal, non-empty string attribute of a block. */
function hasText(declared: Declared, name: string): boolean {
  const expression = declared.block.body.attributes.get(name)?.expression;
  return (
    expression?.kind === 'literal' &&
    typeof expression.value === 'string' &&
    expression.value.trim() !== ''
  );
}

function interfaceFindings(tree: ModuleTree): string[] {
  const findings: string[] = [];
  for (const variable of tree.configuration.variables.values()) {
    if (!hasText(variable, 'description'))
      findings.push(`${describeBlock(variable)}: has no description`);
    const type = variable.block.body.attributes.get('type')?.expression;
    if (!type) {
      findings.push(
        `${describeBlock(variable)}: has no type (declare a precise one, e.g. object({...}))`,
      );
    } else if (references(type).some(({ path }) => path.length === 1 && path[0] === 'any')) {
      findings.push(
        `${describeBlock(variable)}: has type ${variable.source.slice(type)}; declare a precise type instead of any`,
      );
    }
  }
  for (const output of tree.configuration.outputs.values()) {
    if (!hasText(output, 'description'))
      findings.push(`${describeBlock(output)}: has no description`);
  }
  return findings;
}

/** Every wiring and interface problem in the configuration, one message each. */
export function checkModuleWiring(root: ModuleTree): string[] {
  return allModules(root).flatMap((tree) => [
    ...callFindings(tree),
    ...referenceFindings(tree),
    ...interfaceFindings(tree),
  ]);
}
