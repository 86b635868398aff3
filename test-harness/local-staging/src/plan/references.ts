// Which managed resources (and which of their attributes) an expression's value comes from,
// followed through locals, module variables and module outputs, as Terraform's graph follows
// them: what a plan's relevant_attributes lists, and what -target adds to its targets.
import type { DeclaredLocal, ModuleTree } from '../terraform/configuration.js';
import { references, type Expression } from '../terraform/expression-ast.js';
import type { Body } from '../terraform/hcl-parser.js';

export interface ResourceReference {
  /** The resource's address without an instance key, e.g. module.iam.aws_iam_role.deploy. */
  resource: string;
  /** The attribute path after it (empty when the whole object is referenced). */
  attribute: string[];
}

/** Every expression of a block body, nested blocks included. */
export function bodyExpressions(body: Body): Expression[] {
  return [
    ...[...body.attributes.values()].map((a) => a.expression),
    ...body.blocks.flatMap((block) => bodyExpressions(block.body)),
  ];
}

function moduleAt(tree: ModuleTree, path: string): ModuleTree | undefined {
  let node: ModuleTree | undefined = tree;
  const names = path ? path.split('.').filter((_, i) => i % 2 === 1) : [];
  for (const name of names) node = node?.children.get(name);
  return node;
}

function parentOf(path: string): { parent: string; call: string } | undefined {
  const steps = path.split('.');
  if (steps.length < 2) return undefined;
  return { parent: steps.slice(0, -2).join('.'), call: steps[steps.length - 1] as string };
}

export class ReferenceResolver {
  constructor(private readonly tree: ModuleTree) {}

  /** The resources an expression of the module at `path` ('' = root) reads. */
  resourcesOf(path: string, expression: Expression): ResourceReference[] {
    const found = new Map<string, ResourceReference>();
    this.#walk(path, expression, found, new Set());
    return [...found.values()];
  }

  #walk(
    path: string,
    expression: Expression,
    found: Map<string, ResourceReference>,
    visiting: Set<string>,
  ): void {
    const module = moduleAt(this.tree, path);
    if (!module) return;
    const configuration = module.configuration;
    const follow = (key: string, at: string, next: Expression | undefined) => {
      if (!next || visiting.has(key)) return;
      visiting.add(key);
      this.#walk(at, next, found, visiting);
    };
    for (const { path: steps } of references(expression)) {
      const [root, second, third, ...rest] = steps;
      if (root === undefined) continue;
      if (root === 'var' && second !== undefined) {
        const parent = parentOf(path);
        if (!parent) continue;
        const call = moduleAt(this.tree, parent.parent)?.configuration.modules.get(parent.call);
        follow(
          `${path}/var.${second}`,
          parent.parent,
          call?.block.body.attributes.get(second)?.expression,
        );
      } else if (root === 'local' && second !== undefined) {
        const local: DeclaredLocal | undefined = configuration.locals.get(second);
        follow(`${path}/local.${second}`, path, local?.attribute.expression);
      } else if (root === 'module' && second !== undefined) {
        const childPath = path ? `${path}.module.${second}` : `module.${second}`;
        const child = moduleAt(this.tree, childPath);
        const names =
          third !== undefined ? [third] : [...(child?.configuration.outputs.keys() ?? [])];
        for (const name of names) {
          const output = child?.configuration.outputs.get(name);
          follow(
            `${childPath}/output.${name}`,
            childPath,
            output?.block.body.attributes.get('value')?.expression,
          );
        }
      } else if (second !== undefined && configuration.resources.get(root)?.has(second)) {
        const local = `${root}.${second}`;
        const resource = path ? `${path}.${local}` : local;
        const attribute = third === undefined ? [] : [third, ...rest];
        found.set(`${resource}|${attribute.join('.')}`, { resource, attribute });
      }
    }
  }

  /**
   * The addresses (without instance keys) of every managed resource in these modules and of
   * every resource they depend on, transitively: what `terraform apply -target=module.x` applies.
   */
  targetClosure(modulePaths: string[]): Set<string> {
    const closure = new Set<string>();
    const pending: string[] = [];
    const add = (address: string) => {
      if (closure.has(address)) return;
      closure.add(address);
      pending.push(address);
    };
    for (const path of modulePaths) {
      const module = moduleAt(this.tree, path);
      if (!module) throw new Error(`no module ${path} in the configuration`);
      for (const [type, byName] of module.configuration.resources)
        for (const name of byName.keys()) add(path ? `${path}.${type}.${name}` : `${type}.${name}`);
    }
    while (pending.length > 0) {
      const address = pending.pop() as string;
      const steps = address.split('.');
      const [type, name] = steps.slice(-2) as [string, string];
      const path = steps.slice(0, -2).join('.');
      const declared = moduleAt(this.tree, path)?.configuration.resources.get(type)?.get(name);
      if (!declared) continue;
      for (const expression of bodyExpressions(declared.block.body)) {
        for (const reference of this.resourcesOf(path, expression)) add(reference.resource);
      }
    }
    return closure;
  }
}
