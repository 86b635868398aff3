// Evaluates one instance of a Terraform module: variables from its inputs (with their validation
// blocks), locals, resources and data sources (count and for_each expanded, attributes evaluated
// only when referenced), child modules and outputs. What AWS computes comes from a Provider (the
// local stack's values, or a plan's "known after apply"). Every failure names the file and line
// of the expression that failed and what was being evaluated.
import {
  loadModuleTree,
  type Declared,
  type LoadOptions,
  type ModuleConfiguration,
  type ModuleTree,
} from './configuration.js';
import { Evaluator, type Scope, type Step } from './evaluate.js';
import type { Expression } from './expression-ast.js';
import { parseExpression } from './expression-parser.js';
import type { Body } from './hcl-parser.js';
import { AFTER_APPLY, type ProvidedAttributes, type Provider } from './providers.js';
import { HclSyntaxError, LocatedError, SourceFile, TerraformError } from './source.js';
import {
  describeValue,
  EvaluationError,
  isObject,
  isUnknown,
  Unknown,
  UnsupportedError,
  type Value,
} from './values.js';

export { TerraformError };

/** Resource arguments that configure Terraform itself, not the resource. */
export const RESOURCE_META = new Set([
  'count',
  'for_each',
  'provider',
  'depends_on',
  'lifecycle',
  'provisioner',
  'connection',
]);
/** Module call arguments that are not the child's variables. */
export const MODULE_META = new Set([
  'source',
  'version',
  'count',
  'for_each',
  'providers',
  'depends_on',
]);

type Mode = 'managed' | 'data';
/** count.index, each.key, or none. */
type InstanceKey = number | string | undefined;

type Repetition =
  | { kind: 'single' }
  | { kind: 'count'; count: number }
  | { kind: 'for_each'; entries: Array<[string, Value]> };

export interface ResourceInstance {
  mode: Mode;
  type: string;
  name: string;
  key: InstanceKey;
  /** e.g. module.iam.aws_iam_role.deploy, aws_ssm_parameter.flag[0], aws_x.y["key"] */
  address: string;
  module: ModuleInstance;
  declared: Declared;
  /** Where the block is declared: file:line. */
  at: string;
  /** True when the block sets the argument or has a nested block of that name. */
  has(name: string): boolean;
  /** An argument as configured and evaluated (a nested block: a list of objects); undefined when absent. */
  argument(name: string): Value | undefined;
  /** An argument, or an attribute the provider computes (Unknown before apply). */
  attribute(name: string): Value;
  /** The names of the configured arguments and nested blocks, nothing evaluated. */
  argumentNames(): string[];
  /** Every configured argument, evaluated. */
  arguments(): Record<string, Value>;
}

function instanceSuffix(key: InstanceKey): string {
  return key === undefined ? '' : typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`;
}

export interface InstanceOptions {
  provider: Provider;
  /** Where relative paths of functions such as filebase64sha256 are read from. */
  baseDir: string;
}

export class ModuleInstance implements Scope {
  readonly #locals = new Map<string, Value>();
  readonly #inProgress = new Set<string>();
  readonly #children = new Map<string, ModuleInstance>();
  readonly #variables = new Map<string, Value>();
  readonly #repetitions = new Map<Declared, Repetition>();
  readonly #instances = new Map<string, ResourceInstance>();

  constructor(
    readonly tree: ModuleTree,
    private readonly inputs: Map<string, () => Value>,
    private readonly options: InstanceOptions,
    /** '' for the root, module.iam for a child. */
    readonly path: string,
  ) {}

  get configuration(): ModuleConfiguration {
    return this.tree.configuration;
  }

  get baseDir(): string {
    return this.options.baseDir;
  }

  /** What a message says is being evaluated: `local.x (in module.y)`. */
  private what(thing: string): string {
    return this.path ? `${thing} (in ${this.path})` : thing;
  }

  /** Evaluates an expression of a file of this module, in `scope` (this module by default). */
  private evaluate(
    expression: Expression,
    source: SourceFile,
    what: string,
    scope: Scope = this,
  ): Value {
    try {
      return new Evaluator(scope, source).evaluate(expression);
    } catch (error) {
      if (error instanceof LocatedError) throw error.within(this.what(what));
      throw error;
    }
  }

  private fail(declared: Declared, what: string, detail: string, offset?: number): never {
    throw new LocatedError(
      declared.source.at(offset ?? declared.block.start),
      detail,
      false,
      this.what(what),
    );
  }

  /** Evaluates an expression written as text (`local.state.bucket`) in this module's scope. */
  evaluateText(text: string): Value {
    const source = new SourceFile(`(expression in ${this.configuration.path})`, text);
    try {
      return this.evaluate(parseExpression(text), source, text);
    } catch (error) {
      if (error instanceof HclSyntaxError) throw error.locate(source);
      throw error;
    }
  }

  variable(name: string): Value {
    if (this.#variables.has(name)) return this.#variables.get(name) as Value;
    const declared = this.configuration.variables.get(name);
    if (!declared)
      throw new EvaluationError(`no variable "${name}" is declared in ${this.configuration.path}`);
    const what = `variable "${name}"`;
    const input = this.inputs.get(name);
    const fallback = declared.block.body.attributes.get('default');
    let value: Value;
    if (input) value = input();
    else if (fallback) value = this.evaluate(fallback.expression, declared.source, what);
    else return this.fail(declared, what, 'required but no value was given');
    this.#variables.set(name, value);
    this.checkValidations(name, declared, value);
    return value;
  }

  private checkValidations(name: string, declared: Declared, value: Value): void {
    const scope: Scope = {
      baseDir: this.baseDir,
      lookup: (root, steps) => {
        const first = steps[0];
        if (root === 'var' && first && 'attribute' in first && first.attribute === name)
          return { value, consumed: 1 };
        return this.lookup(root, steps);
      },
    };
    for (const validation of declared.block.body.blocks.filter((b) => b.type === 'validation')) {
      const what = `variable "${name}" = ${describeValue(value)}`;
      const condition = validation.body.attributes.get('condition');
      const message = validation.body.attributes.get('error_message');
      if (!condition || !message)
        this.fail(
          declared,
          what,
          'a validation needs condition and error_message',
          validation.start,
        );
      const ok = this.evaluate(condition.expression, declared.source, what, scope);
      // Terraform checks a condition on an unknown value at apply, not before.
      if (isUnknown(ok)) continue;
      if (ok !== true) {
        const text = this.evaluate(message.expression, declared.source, what, scope);
        this.fail(declared, what, `validation failed: ${String(text)}`, validation.start);
      }
    }
  }

  local(name: string): Value {
    if (this.#locals.has(name)) return this.#locals.get(name) as Value;
    const declared = this.configuration.locals.get(name);
    if (!declared)
      throw new EvaluationError(`no local "${name}" is declared in ${this.configuration.path}`);
    if (this.#inProgress.has(`local.${name}`))
      throw new EvaluationError(`local.${name} refers to itself`);
    this.#inProgress.add(`local.${name}`);
    try {
      const value = this.evaluate(declared.attribute.expression, declared.source, `local.${name}`);
      this.#locals.set(name, value);
      return value;
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
      throw new EvaluationError(`no module "${name}" is called in ${this.configuration.path}`);
    const what = `module "${name}"`;
    for (const meta of ['count', 'for_each'])
      if (call.block.body.attributes.has(meta)) {
        throw new LocatedError(
          call.source.at(call.block.body.attributes.get(meta)!.start),
          `${meta} on a module call is not supported by this evaluator`,
          true,
          this.what(what),
        );
      }
    const inputs = new Map<string, () => Value>();
    for (const [argument, attribute] of call.block.body.attributes) {
      if (MODULE_META.has(argument)) continue;
      if (!tree.configuration.variables.has(argument)) {
        this.fail(
          call,
          what,
          `argument "${argument}" is not a variable of ${tree.configuration.path}`,
          attribute.start,
        );
      }
      inputs.set(argument, () =>
        this.evaluate(attribute.expression, call.source, `module.${name} argument ${argument}`),
      );
    }
    const instance = new ModuleInstance(
      tree,
      inputs,
      this.options,
      this.path ? `${this.path}.module.${name}` : `module.${name}`,
    );
    this.#children.set(name, instance);
    return instance;
  }

  /** The modules this one calls. */
  children(): ModuleInstance[] {
    return [...this.configuration.modules.keys()].map((name) => this.child(name));
  }

  output(name: string): Value {
    const declared = this.configuration.outputs.get(name);
    if (!declared)
      throw new EvaluationError(`${this.path || 'the root module'} has no output "${name}"`);
    const value = declared.block.body.attributes.get('value');
    if (!value) return this.fail(declared, `output "${name}"`, 'an output needs a value');
    return this.evaluate(value.expression, declared.source, `output "${name}"`);
  }

  outputs(): Record<string, Value> {
    return Object.fromEntries(
      [...this.configuration.outputs.keys()].map((name) => [name, this.output(name)]),
    );
  }

  private declaration(mode: Mode, type: string, name: string): Declared {
    const table = mode === 'managed' ? this.configuration.resources : this.configuration.data;
    const declared = table.get(type)?.get(name);
    if (!declared) {
      const kind = mode === 'managed' ? 'resource' : 'data source';
      throw new EvaluationError(
        `no ${kind} ${mode === 'data' ? 'data.' : ''}${type}.${name} is declared in ${this.configuration.path}`,
      );
    }
    return declared;
  }

  /** How many instances a block has: one, count of them, or one per for_each key. */
  private repetition(mode: Mode, type: string, declared: Declared): Repetition {
    const known = this.#repetitions.get(declared);
    if (known) return known;
    const attributes = declared.block.body.attributes;
    const local = `${mode === 'data' ? 'data.' : ''}${type}.${declared.block.labels[1]}`;
    let repetition: Repetition = { kind: 'single' };
    const count = attributes.get('count');
    const forEach = attributes.get('for_each');
    if (count && forEach)
      this.fail(declared, local, 'count and for_each cannot both be set', forEach.start);
    if (count) {
      const value = this.evaluate(count.expression, declared.source, `${local} count`);
      if (isUnknown(value))
        this.fail(
          declared,
          `${local} count`,
          'count depends on values known only after apply',
          count.start,
        );
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0)
        this.fail(
          declared,
          `${local} count`,
          `count must be a whole number, got ${describeValue(value)}`,
          count.start,
        );
      repetition = { kind: 'count', count: value };
    } else if (forEach) {
      const value = this.evaluate(forEach.expression, declared.source, `${local} for_each`);
      const entries: Array<[string, Value]> | undefined = isObject(value)
        ? Object.keys(value)
            .sort()
            .map((key) => [key, value[key] as Value])
        : Array.isArray(value) && value.every((item) => typeof item === 'string')
          ? [...new Set(value as string[])].sort().map((key) => [key, key])
          : undefined;
      if (isUnknown(value) || (Array.isArray(value) && value.some(isUnknown)))
        this.fail(
          declared,
          `${local} for_each`,
          'for_each depends on values known only after apply',
          forEach.start,
        );
      if (!entries)
        this.fail(
          declared,
          `${local} for_each`,
          `for_each needs a map or a set of strings, got ${describeValue(value)}`,
          forEach.start,
        );
      repetition = { kind: 'for_each', entries };
    }
    this.#repetitions.set(declared, repetition);
    return repetition;
  }

  private keys(mode: Mode, type: string, declared: Declared): InstanceKey[] {
    const repetition = this.repetition(mode, type, declared);
    if (repetition.kind === 'single') return [undefined];
    if (repetition.kind === 'count') return Array.from({ length: repetition.count }, (_, i) => i);
    return repetition.entries.map(([key]) => key);
  }

  /** One instance of a resource or data block (cached: attributes are evaluated once). */
  instance(mode: Mode, type: string, name: string, key: InstanceKey): ResourceInstance {
    const local = `${mode === 'data' ? 'data.' : ''}${type}.${name}${instanceSuffix(key)}`;
    const cached = this.#instances.get(local);
    if (cached) return cached;
    const declared = this.declaration(mode, type, name);
    const repetition = this.repetition(mode, type, declared);
    const address = this.path ? `${this.path}.${local}` : local;
    const eachValue =
      repetition.kind === 'for_each'
        ? repetition.entries.find(([entryKey]) => entryKey === key)?.[1]
        : undefined;
    const scope: Scope = {
      baseDir: this.baseDir,
      lookup: (root, steps) => {
        if (root === 'count') {
          if (repetition.kind !== 'count')
            throw new EvaluationError(`count.index is used in ${local}, which has no count`);
          return { value: { index: key as number } as Value, consumed: 0 };
        }
        if (root === 'each') {
          if (repetition.kind !== 'for_each')
            throw new EvaluationError(`each is used in ${local}, which has no for_each`);
          return { value: { key: key as string, value: eachValue as Value } as Value, consumed: 0 };
        }
        return this.lookup(root, steps);
      },
    };
    const body = declared.block.body;
    const values = new Map<string, Value>();
    const argument = (argumentName: string): Value | undefined => {
      if (RESOURCE_META.has(argumentName)) return undefined;
      if (values.has(argumentName)) return values.get(argumentName);
      const value = this.bodyMember(
        body,
        argumentName,
        declared,
        scope,
        `${local} argument ${argumentName}`,
      );
      if (value !== undefined) values.set(argumentName, value);
      return value;
    };
    let provided: ProvidedAttributes | undefined | null = null;
    const providedAttributes = (): ProvidedAttributes | undefined => {
      if (provided !== null) return provided;
      const readArgument = (argumentName: string): Value => {
        const value = argument(argumentName);
        if (value === undefined)
          throw new EvaluationError(`${local} has no argument ${argumentName}`);
        return value;
      };
      provided =
        mode === 'managed'
          ? this.options.provider.resource(type, readArgument, address)
          : this.options.provider.data(type, readArgument);
      return provided;
    };
    const at = declared.source.at(declared.block.start);
    const attribute = (attributeName: string): Value => {
      // A nested block the provider adds to (domain_name_configuration's target) is the
      // provider's; any other configured argument is as configured.
      const nestedAddedTo =
        body.blocks.some((b) => b.type === attributeName) &&
        providedAttributes()?.[attributeName] !== undefined;
      const configured = nestedAddedTo ? undefined : argument(attributeName);
      if (configured !== undefined) return configured;
      const attributes = providedAttributes();
      const compute = attributes?.[attributeName];
      if (!compute) {
        this.fail(
          declared,
          `${local}.${attributeName}`,
          attributes
            ? `${type} has no attribute "${attributeName}" that this evaluator knows (it is neither set here nor computed)`
            : `the ${mode === 'data' ? 'data source' : 'resource type'} ${type} is not known to this evaluator`,
        );
      }
      try {
        const value = compute();
        return value === AFTER_APPLY ? new Unknown(`${address}.${attributeName}`, at) : value;
      } catch (error) {
        if (error instanceof EvaluationError)
          this.fail(declared, `${local}.${attributeName}`, error.message);
        throw error;
      }
    };
    const names = () => [
      ...[...body.attributes.keys()].filter((n) => !RESOURCE_META.has(n)),
      ...new Set(
        body.blocks
          .map((b) => (b.type === 'dynamic' ? (b.labels[0] ?? b.type) : b.type))
          .filter((n) => !RESOURCE_META.has(n)),
      ),
    ];
    const instance: ResourceInstance = {
      mode,
      type,
      name,
      key,
      address,
      module: this,
      declared,
      at,
      has: (argumentName) =>
        !RESOURCE_META.has(argumentName) &&
        (body.attributes.has(argumentName) || body.blocks.some((b) => b.type === argumentName)),
      argument,
      attribute,
      argumentNames: names,
      arguments: () => Object.fromEntries(names().map((n) => [n, argument(n) as Value])),
    };
    this.#instances.set(local, instance);
    return instance;
  }

  /** An attribute of a body, or its nested blocks of that name as a list of objects. */
  private bodyMember(
    body: Body,
    name: string,
    declared: Declared,
    scope: Scope,
    what: string,
  ): Value | undefined {
    const attribute = body.attributes.get(name);
    if (attribute) return this.evaluate(attribute.expression, declared.source, what, scope);
    const dynamic = body.blocks.find((b) => b.type === 'dynamic' && b.labels[0] === name);
    if (dynamic) {
      throw new LocatedError(
        declared.source.at(dynamic.start),
        `dynamic "${name}" blocks are not supported by this evaluator`,
        true,
        this.what(what),
      );
    }
    const nested = body.blocks.filter((b) => b.type === name);
    if (nested.length === 0) return undefined;
    return nested.map((block) => {
      if (block.labels.length > 0)
        this.fail(declared, what, `a nested ${name} block takes no labels`, block.start);
      const names = [
        ...block.body.attributes.keys(),
        ...new Set(block.body.blocks.map((b) => b.type)),
      ];
      return Object.fromEntries(
        names.map((member) => [
          member,
          this.bodyMember(block.body, member, declared, scope, `${what}.${member}`) as Value,
        ]),
      );
    });
  }

  /** A resource as a value: its arguments and computed attributes, each evaluated when read. */
  private materialise(instance: ResourceInstance, type: string): Value {
    const provided =
      instance.mode === 'managed'
        ? this.options.provider.resource(type, () => null, instance.address)
        : this.options.provider.data(type, () => null);
    const names = new Set([...instance.argumentNames(), ...Object.keys(provided ?? {})]);
    const value: { [key: string]: Value } = {};
    for (const name of names) {
      let cached: Value | undefined;
      Object.defineProperty(value, name, {
        enumerable: true,
        get: () => (cached ??= instance.attribute(name)),
      });
    }
    return value;
  }

  private lookupInstance(
    mode: Mode,
    type: string,
    steps: Step[],
  ): { value: Value; consumed: number } {
    const first = steps[0];
    if (!first || !('attribute' in first))
      throw new EvaluationError(
        `${mode === 'data' ? 'data.' : ''}${type} must be followed by a name`,
      );
    const name = first.attribute;
    const declared = this.declaration(mode, type, name);
    const repetition = this.repetition(mode, type, declared);
    let consumed = 1;
    let key: InstanceKey;
    const step = steps[1];
    if (repetition.kind !== 'single') {
      const keys = this.keys(mode, type, declared);
      if (!step || !('index' in step)) {
        const all = keys.map((k) => this.materialise(this.instance(mode, type, name, k), type));
        if (repetition.kind === 'count') return { value: all, consumed };
        return {
          value: Object.fromEntries(keys.map((k, i) => [String(k), all[i] as Value])),
          consumed,
        };
      }
      if (!keys.includes(step.index as InstanceKey)) {
        throw new EvaluationError(
          `${type}.${name}[${describeValue(step.index)}] does not exist: ${
            repetition.kind === 'count'
              ? `count is ${repetition.count}`
              : `for_each keys are ${keys.map((k) => JSON.stringify(k)).join(', ') || 'none'}`
          }`,
        );
      }
      key = step.index as InstanceKey;
      consumed = 2;
    }
    const instance = this.instance(mode, type, name, key);
    const next = steps[consumed];
    if (next && 'attribute' in next)
      return { value: instance.attribute(next.attribute), consumed: consumed + 1 };
    return { value: this.materialise(instance, type), consumed };
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
          value: { module: this.configuration.dir, root: this.baseDir, cwd: this.baseDir },
          consumed: 0,
        };
      case 'terraform':
        return { value: { workspace: 'default' }, consumed: 0 };
      case 'count':
      case 'each':
        throw new EvaluationError(
          `${root} is only defined inside a resource that sets ${root === 'each' ? 'for_each' : 'count'}`,
        );
      case 'self':
        throw new UnsupportedError('self (provisioner blocks) is not supported by this evaluator');
      default:
        if (this.configuration.resources.has(root))
          return this.lookupInstance('managed', root, steps);
        if (name && /^[a-z0-9]+_[a-z0-9_]+$/.test(root))
          throw new EvaluationError(
            `no resource ${root}.${name} is declared in ${this.configuration.path}`,
          );
        throw new EvaluationError(`unknown reference '${root}'`);
    }
  }

  /** Every instance of the resources (or data sources) of this module and its children. */
  resources(mode: Mode = 'managed'): ResourceInstance[] {
    const found: ResourceInstance[] = [];
    const table = mode === 'managed' ? this.configuration.resources : this.configuration.data;
    for (const [type, byName] of table) {
      for (const [name, declared] of byName) {
        for (const key of this.keys(mode, type, declared))
          found.push(this.instance(mode, type, name, key));
      }
    }
    for (const child of this.children()) found.push(...child.resources(mode));
    return found;
  }
}

export interface RootOptions extends LoadOptions {
  dir: string;
  /** Values for the root module's variables (from a .tfvars file and overrides). */
  variables: Record<string, Value>;
  provider: Provider;
}

/** The root module of a configuration, evaluated for these variables. */
export function evaluateModuleTree(
  tree: ModuleTree,
  variables: Record<string, Value>,
  provider: Provider,
): ModuleInstance {
  const inputs = new Map<string, () => Value>();
  for (const [name, value] of Object.entries(variables)) {
    if (!tree.configuration.variables.has(name)) {
      throw new TerraformError(
        `variable "${name}" is given a value but not declared in ${tree.configuration.path} (variables: ${[...tree.configuration.variables.keys()].join(', ')})`,
      );
    }
    inputs.set(name, () => value);
  }
  return new ModuleInstance(tree, inputs, { provider, baseDir: tree.configuration.dir }, '');
}

export function evaluateRootModule(options: RootOptions): ModuleInstance {
  return evaluateModuleTree(
    loadModuleTree(options.dir, options),
    options.variables,
    options.provider,
  );
}
