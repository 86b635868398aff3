// A resource block's `lifecycle` settings the plan acts on. Terraform requires them to be
// literal; anything else is an error at its line.
import type { Expression } from '../terraform/expression-ast.js';
import { TerraformError, type Declared } from '../terraform/index.js';

export interface Lifecycle {
  createBeforeDestroy: boolean;
  preventDestroy: boolean;
  /** Top-level attributes whose changes are ignored; 'all' ignores every one. */
  ignoreChanges: ReadonlySet<string> | 'all';
}

function literalBool(
  declared: Declared,
  expression: Expression | undefined,
  name: string,
): boolean {
  if (!expression) return false;
  if (expression.kind === 'literal' && typeof expression.value === 'boolean')
    return expression.value;
  throw new TerraformError(
    `${declared.source.at(expression.start)}: lifecycle ${name} must be true or false, written as a literal`,
  );
}

function attributeNames(
  declared: Declared,
  expression: Expression | undefined,
): Set<string> | 'all' {
  const names = new Set<string>();
  if (!expression) return names;
  if (expression.kind === 'variable' && expression.name === 'all') return 'all';
  if (expression.kind !== 'tuple') {
    throw new TerraformError(
      `${declared.source.at(expression.start)}: lifecycle ignore_changes must be a list of attribute names or all`,
    );
  }
  for (const item of expression.items) {
    let root: Expression = item;
    while (root.kind === 'attribute' || root.kind === 'index') root = root.target;
    if (root.kind !== 'variable') {
      throw new TerraformError(
        `${declared.source.at(item.start)}: lifecycle ignore_changes takes attribute names, e.g. [tags]`,
      );
    }
    names.add(root.name);
  }
  return names;
}

export function lifecycleOf(declared: Declared): Lifecycle {
  const block = declared.block.body.blocks.find((b) => b.type === 'lifecycle');
  const attributes = block?.body.attributes;
  return {
    createBeforeDestroy: literalBool(
      declared,
      attributes?.get('create_before_destroy')?.expression,
      'create_before_destroy',
    ),
    preventDestroy: literalBool(
      declared,
      attributes?.get('prevent_destroy')?.expression,
      'prevent_destroy',
    ),
    ignoreChanges: attributeNames(declared, attributes?.get('ignore_changes')?.expression),
  };
}
