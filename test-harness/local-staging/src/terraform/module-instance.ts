// Evaluates one instance of a Terraform module: variables from its inputs, locals, resources
// and data sources (count-aware, attributes evaluated only when referenced), child modules and
// outputs. Every failure names the file, the line and the thing being evaluated.
import { dirname, join, resolve } from 'node:path';
import {
  computedAttributes,
  dataSourceAttributes,
  type AwsContext,
} from './computed-attributes.js';
import {
  lineOf,
  loadModule,
  type ModuleConfiguration,
  type Raw,
  type RawBlock,
} from './configuration.js';
import type { Expression } from './expression-ast.js';
import { parseTemplate } from './expression-parser.js';
import { Evaluator, type Scope, type Step } from './evaluate.js';
import { EvaluationError, type Value } from './functions.js';

export class TerraformEvaluationError extends Error {
  override readonly name = 'TerraformEvaluationError';
}

export interface ModuleTree {
  configuration: ModuleConfiguration;
  children: Map<string, ModuleTree>;
}

const META_ARGUMENTS = new Set([
  'source',
  'version',
  'count',
  'for_each',
  'providers',
  'depends_on',
  'lifecycle',
  'provider',
]);

/** Loads a module and, recursively, every local module it calls. */
export async function loadModuleTree(dir: string): Promise<ModuleTree> {
  const configuration = await loadModule(dir);
  const children = new Map<string, ModuleTree>();
  for (const [name, { body, file }] of configuration.modules) {
    const source = body.source;
    if (typeof source !== 'string' || !/^\.\.?\//.test(source)) {
      throw new TerraformEvaluationError(
        `${file}: module "${name}" has source ${JSON.stringify(source)}; only local paths (./ or ../) can be evaluated locally`,
      );
    }
    children.set(name, await loadModuleTree(resolve(dir, source)));
  }
  return { configuration, children };
}

export interface ResourceInstance {
  type: string;
  name: string;
  /** e.g. module.iam.aws_iam_role.deploy or module.monitoring.aws_sns_topic_subscription.email[0] */
  address: string;
  /** An argument or nested block as configured (undefined when absent). */
  argument(name: string): Value | undefined;
  /** An argument, or an attribute AWS computes (arn, id, …). */
  attribute(name: string): Value;
}

const expressionCache = new Map<string, Expression>();

function templateOf(text: string): Expression {
  let expression = expressionCache.get(text);
  if (!expression) {
    expression = parseTemplate(text, false);
    expressionCache.set(text, expression);
  }
  return expression;
}

export class ModuleInstance implements Scope {
  readonly #locals = new Map<string, Value>();
  readonly #inProgress = new Set<string>();
  readonly #children = new Map<string, ModuleInstance>();
  readonly #variables = new Map<string, Value>();

  constructor(
    readonly tree: ModuleTree,
    private readonly inputs: Map<string, () => Value>,
    readonly aws: AwsContext,
    readonly path: string,
    private readonly rootDir: string,
  ) {}

  private get configuration(): ModuleConfiguration {
    return this.tree.configuration;
  }

  private fail(
    file: string,
    anchor: string,
    needle: string | undefined,
    what: string,
    error: unknown,
  ): never {
    if (error instanceof TerraformEvaluationError) throw error;
    const source = this.configuration.sources.get(file) ?? '';
    const line = lineOf(source, anchor, needle);
    const message = error instanceof Error ? error.message : String(error);
    throw new TerraformEvaluationError(
      `${file}:${line}: ${what}${this.path ? ` (in ${this.path})` : ''}: ${message}`,
    );
  }

  /** Evaluates hcl2json output (templates inside JSON) in a scope. */
  evaluateRaw(raw: Raw, scope: Scope = this): Value {
    if (typeof raw === 'string') {
      if (!raw.includes('${')) return raw.replace(/\$\$\{/g, '${');
      return new Evaluator(scope).evaluate(templateOf(raw));
    }
    if (Array.isArray(raw)) return raw.map((item) => this.evaluateRaw(item, scope));
    if (raw !== null && typeof raw === 'object') {
      return Object.fromEntries(
        Object.entries(raw).map(([key, value]) => [key, this.evaluateRaw(value, scope)]),
      );
    }
    return raw;
  }

  variable(name: string): Value {
    if (this.#variables.has(name)) return this.#variables.get(name) as Value;
    const declared = this.configuration.variables.get(name);
    if (!declared)
      throw new EvaluationError(`no variable "${name}" is declared in ${this.configuration.dir}`);
    const anchor = `variable "${name}"`;
    let value: Value;
    const input = this.inputs.get(name);
    if (input) value = input();
    else if ('default' in declared.body) value = this.evaluateRaw(declared.body.default as Raw);
    else {
      return this.fail(
        declared.file,
        anchor,
        undefined,
        `variable "${name}"`,
        new EvaluationError('required but no value was given'),
      );
    }
    this.#variables.set(name, value);
    this.checkValidations(name, declared.body, declared.file, value);
    return value;
  }

  private checkValidations(name: string, body: RawBlock, file: string, value: Value): void {
    const validations = (body.validation as RawBlock[] | undefined) ?? [];
    const scope: Scope = {
      lookup: (root, steps) => {
        const first = steps[0];
        if (root === 'var' && first && 'attribute' in first && first.attribute === name)
          return { value, consumed: 1 };
        return this.lookup(root, steps);
      },
    };
    for (const validation of validations) {
      const ok = this.evaluateRaw(validation.condition as Raw, scope);
      if (ok !== true) {
        const message = String(this.evaluateRaw(validation.error_message as Raw, scope));
        this.fail(
          file,
          `variable "${name}"`,
          'validation',
          `variable "${name}" = ${JSON.stringify(value)}`,
          new EvaluationError(`validation failed: ${message}`),
        );
      }
    }
  }

  local(name: string): Value {
    if (this.#locals.has(name)) return this.#locals.get(name) as Value;
    const declared = this.configuration.locals.get(name);
    if (!declared)
      throw new EvaluationError(`no local "${name}" is declared in ${this.configuration.dir}`);
    if (this.#inProgress.has(`local.${name}`))
      throw new EvaluationError(`local.${name} refers to itself`);
    this.#inProgress.add(`local.${name}`);
    try {
      const value = this.evaluateRaw(declared.body);
      this.#locals.set(name, value);
      return value;
    } catch (error) {
      return this.fail(declared.file, `${name}`, undefined, `local.${name}`, error);
    } finally {
      this.#inProgress.delete(`local.${name}`);
    }
  }

  child(name: string): ModuleInstance {
    const existing = this.#children.get(name);
    if (existing) return existing;
    const call = this.configuration.modules.get(name);
    const tree = this.tree.children.get(name);
    if (!call || !tree)
      throw new EvaluationError(`no module "${name}" is called in ${this.configuration.dir}`);
    const inputs = new Map<string, () => Value>();
    for (const [argument, raw] of Object.entries(call.body)) {
      if (META_ARGUMENTS.has(argument)) continue;
      if (!tree.configuration.variables.has(argument)) {
        this.fail(
          call.file,
          `module "${name}"`,
          argument,
          `module "${name}"`,
          new EvaluationError(
            `argument "${argument}" is not a variable of ${tree.configuration.dir}`,
          ),
        );
      }
      inputs.set(argument, () => {
        try {
          return this.evaluateRaw(raw);
        } catch (error) {
          return this.fail(
            call.file,
            `module "${name}"`,
            argument,
            `module.${name} argument ${argument}`,
            error,
          );
        }
      });
    }
    const instance = new ModuleInstance(
      tree,
      inputs,
      this.aws,
      this.path ? `${this.path}.module.${name}` : `module.${name}`,
      this.rootDir,
    );
    this.#children.set(name, instance);
    return instance;
  }

  output(name: string): Value {
    const declared = this.configuration.outputs.get(name);
    if (!declared)
      throw new EvaluationError(`${this.path || 'root module'} has no output "${name}"`);
    try {
      return this.evaluateRaw(declared.body.value as Raw);
    } catch (error) {
      return this.fail(declared.file, `output "${name}"`, 'value', `output "${name}"`, error);
    }
  }

  outputs(): Record<string, Value> {
    return Object.fromEntries(
      [...this.configuration.outputs.keys()].map((name) => [name, this.output(name)]),
    );
  }

  private count(
    kind: 'resource' | 'data',
    type: string,
    name: string,
    body: RawBlock,
    file: string,
  ): number | undefined {
    if (!('count' in body)) return undefined;
    try {
      const count = this.evaluateRaw(body.count as Raw);
      if (typeof count !== 'number')
        throw new EvaluationError(`count must be a number, got ${JSON.stringify(count)}`);
      return count;
    } catch (error) {
      return this.fail(
        file,
        `${kind} "${type}" "${name}"`,
        'count',
        `${kind === 'data' ? 'data.' : ''}${type}.${name} count`,
        error,
      );
    }
  }

  private instance(
    kind: 'resource' | 'data',
    type: string,
    name: string,
    index: number | undefined,
  ): ResourceInstance {
    const table = kind === 'resource' ? this.configuration.resources : this.configuration.data;
    const declared = table.get(type)?.get(name);
    if (!declared)
      throw new EvaluationError(`no ${kind} ${type}.${name} in ${this.configuration.dir}`);
    const local = `${kind === 'data' ? 'data.' : ''}${type}.${name}${index === undefined ? '' : `[${index}]`}`;
    const address = this.path ? `${this.path}.${local}` : local;
    const scope: Scope = {
      lookup: (root, steps) => {
        if (root === 'count') {
          if (index === undefined)
            throw new EvaluationError(`count.index used in ${local}, which has no count`);
          return { value: { index }, consumed: 0 };
        }
        return this.lookup(root, steps);
      },
    };
    const anchor = `${kind} "${type}" "${name}"`;
    const argument = (argumentName: string): Value | undefined => {
      if (!(argumentName in declared.body) || META_ARGUMENTS.has(argumentName)) return undefined;
      try {
        return this.evaluateRaw(declared.body[argumentName] as Raw, scope);
      } catch (error) {
        return this.fail(
          declared.file,
          anchor,
          argumentName,
          `${local} argument ${argumentName}`,
          error,
        );
      }
    };
    const readArgument = (argumentName: string): Value => {
      const value = argument(argumentName);
      if (value === undefined)
        throw new EvaluationError(`${local} has no argument ${argumentName}`);
      return value;
    };
    const computed =
      kind === 'resource'
        ? computedAttributes(type, readArgument, this.aws, address)
        : dataSourceAttributes(type, readArgument, this.aws);
    return {
      type,
      name,
      address,
      argument,
      attribute: (attributeName) => {
        const configured = argument(attributeName);
        if (configured !== undefined) return configured;
        const compute = computed?.[attributeName];
        if (compute) return compute();
        return this.fail(
          declared.file,
          anchor,
          undefined,
          `${local}.${attributeName}`,
          new EvaluationError(
            computed
              ? `attribute "${attributeName}" is computed by AWS and the local evaluator does not know how`
              : `resource type ${type} is not known to the local evaluator`,
          ),
        );
      },
    };
  }

  private materialise(
    instance: ResourceInstance,
    kind: 'resource' | 'data',
    type: string,
    name: string,
  ): Value {
    const table = kind === 'resource' ? this.configuration.resources : this.configuration.data;
    const body = table.get(type)?.get(name)?.body ?? {};
    const result: { [key: string]: Value } = {};
    for (const key of Object.keys(body)) {
      if (!META_ARGUMENTS.has(key)) result[key] = instance.attribute(key);
    }
    for (const key of ['id', 'arn']) {
      try {
        result[key] ??= instance.attribute(key);
      } catch {
        // Not every type has both; a later reference to the missing one fails with its location.
      }
    }
    return result;
  }

  private lookupInstance(
    kind: 'resource' | 'data',
    type: string,
    steps: Step[],
  ): { value: Value; consumed: number } {
    const first = steps[0];
    if (!first || !('attribute' in first))
      throw new EvaluationError(`${type} must be followed by a resource name`);
    const name = first.attribute;
    const table = kind === 'resource' ? this.configuration.resources : this.configuration.data;
    const declared = table.get(type)?.get(name);
    if (!declared)
      throw new EvaluationError(
        `no ${kind} ${type}.${name} is declared in ${this.configuration.dir}`,
      );
    const count = this.count(kind, type, name, declared.body, declared.file);
    let consumed = 1;
    let index: number | undefined;
    if (count !== undefined) {
      const step = steps[1];
      if (!step || !('index' in step)) {
        const all = Array.from({ length: count }, (_, i) =>
          this.materialise(this.instance(kind, type, name, i), kind, type, name),
        );
        return { value: all, consumed };
      }
      if (typeof step.index !== 'number' || step.index < 0 || step.index >= count) {
        throw new EvaluationError(
          `${type}.${name}[${JSON.stringify(step.index)}] is out of range: count is ${count}`,
        );
      }
      index = step.index;
      consumed = 2;
    }
    const instance = this.instance(kind, type, name, index);
    const next = steps[consumed];
    if (next && 'attribute' in next)
      return { value: instance.attribute(next.attribute), consumed: consumed + 1 };
    return { value: this.materialise(instance, kind, type, name), consumed };
  }

  lookup(root: string, steps: Step[]): { value: Value; consumed: number } {
    const first = steps[0];
    const name = first && 'attribute' in first ? first.attribute : undefined;
    switch (root) {
      case 'var':
        if (!name) throw new EvaluationError('var must be followed by a variable name');
        return { value: this.variable(name), consumed: 1 };
      case 'local':
        if (!name) throw new EvaluationError('local must be followed by a name');
        return { value: this.local(name), consumed: 1 };
      case 'module': {
        const second = steps[1];
        if (!name) throw new EvaluationError('module must be followed by a module name');
        if (second && 'attribute' in second)
          return { value: this.child(name).output(second.attribute), consumed: 2 };
        return { value: this.child(name).outputs(), consumed: 1 };
      }
      case 'data': {
        if (!name) throw new EvaluationError('data must be followed by a type');
        const result = this.lookupInstance('data', name, steps.slice(1));
        return { value: result.value, consumed: result.consumed + 1 };
      }
      case 'path':
        return {
          value: { module: this.configuration.dir, root: this.rootDir, cwd: process.cwd() },
          consumed: 0,
        };
      case 'terraform':
        return { value: { workspace: 'default' }, consumed: 0 };
      default:
        if (this.configuration.resources.has(root))
          return this.lookupInstance('resource', root, steps);
        throw new EvaluationError(`unknown reference '${root}'`);
    }
  }

  /** Every resource instance of this module and its children, counts expanded. */
  resources(): ResourceInstance[] {
    const found: ResourceInstance[] = [];
    for (const [type, byName] of this.configuration.resources) {
      for (const [name, { body, file }] of byName) {
        const count = this.count('resource', type, name, body, file);
        if (count === undefined) found.push(this.instance('resource', type, name, undefined));
        else for (let i = 0; i < count; i++) found.push(this.instance('resource', type, name, i));
      }
    }
    for (const name of this.configuration.modules.keys())
      found.push(...this.child(name).resources());
    return found;
  }
}

export interface RootOptions {
  dir: string;
  /** Values for the root module's variables (from a .tfvars file and overrides). */
  variables: Record<string, Value>;
  aws: AwsContext;
}

export async function evaluateRootModule(options: RootOptions): Promise<ModuleInstance> {
  const tree = await loadModuleTree(options.dir);
  const inputs = new Map<string, () => Value>();
  for (const [name, value] of Object.entries(options.variables)) {
    if (!tree.configuration.variables.has(name)) {
      throw new TerraformEvaluationError(
        `variable "${name}" is given a value but not declared in ${join(options.dir, 'variables.tf')}`,
      );
    }
    inputs.set(name, () => value);
  }
  return new ModuleInstance(tree, inputs, options.aws, '', dirname(join(options.dir, '.')));
}
