// The plan's `configuration`: the configuration as written, before evaluation (Terraform's
// configuration representation): per module its variables, outputs, resources and module calls,
// each argument as a constant value when it refers to nothing, else the references it makes,
// each multi-step reference followed by the shorter ones it implies.
import { Evaluator, type Scope } from '../terraform/evaluate.js';
import { references, type Expression } from '../terraform/expression-ast.js';
import { parseHcl, type Body } from '../terraform/hcl-parser.js';
import { literalString, type Declared, type ModuleTree } from '../terraform/configuration.js';
import { MODULE_META, RESOURCE_META } from '../terraform/module-instance.js';
import { EvaluationError } from '../terraform/values.js';
import { AWS_RESOURCE_SCHEMAS } from './aws-schema.js';
import { omitUnknowns, type Json } from './plan-values.js';
import { AWS_PROVIDER } from './state.js';

type ExpressionJson = { constant_value?: Json; references?: string[] };
type BlockJson = { [name: string]: ExpressionJson | BlockJson[] };

const NO_REFERENCES: Scope = {
  baseDir: '.',
  lookup(root) {
    throw new EvaluationError(`constant expression refers to ${root}`);
  },
};

/** var.x, module.m.out + module.m, aws_x.y.arn + aws_x.y, data.t.n.id + data.t.n. */
function referenceStrings(expression: Expression): string[] {
  const found: string[] = [];
  for (const { path } of references(expression)) {
    const [root] = path;
    if (root === undefined) continue;
    // The steps that name the object itself: data.type.name, else two (var.x, aws_x.y, module.m).
    const objectSteps = root === 'data' ? 3 : 2;
    for (let length = path.length; length >= Math.min(objectSteps, path.length); length--) {
      found.push(path.slice(0, length).join('.'));
    }
  }
  return [...new Set(found)];
}

function expressionJson(
  expression: Expression,
  source: Declared['source'],
  hide: boolean,
): ExpressionJson {
  const refs = referenceStrings(expression);
  if (refs.length > 0) return { references: refs };
  if (hide) return {};
  try {
    const value = omitUnknowns(new Evaluator(NO_REFERENCES, source).evaluate(expression));
    return value === undefined ? {} : { constant_value: value };
  } catch {
    return {};
  }
}

function blockJson(body: Body, source: Declared['source'], hidden: ReadonlySet<string>): BlockJson {
  const json: BlockJson = {};
  for (const [name, attribute] of body.attributes) {
    if (RESOURCE_META.has(name)) continue;
    json[name] = expressionJson(attribute.expression, source, hidden.has(name));
  }
  for (const block of body.blocks) {
    if (RESOURCE_META.has(block.type) || block.type === 'dynamic') continue;
    const list = (json[block.type] as BlockJson[] | undefined) ?? [];
    list.push(blockJson(block.body, source, new Set()));
    json[block.type] = list;
  }
  return json;
}

function metaExpressions(declared: Declared): {
  count_expression?: ExpressionJson;
  for_each_expression?: ExpressionJson;
} {
  const attributes = declared.block.body.attributes;
  const count = attributes.get('count');
  const forEach = attributes.get('for_each');
  return {
    ...(count
      ? { count_expression: expressionJson(count.expression, declared.source, false) }
      : {}),
    ...(forEach
      ? { for_each_expression: expressionJson(forEach.expression, declared.source, false) }
      : {}),
  };
}

function moduleJson(tree: ModuleTree, path: string): Record<string, Json> {
  const configuration = tree.configuration;
  const outputs: { [name: string]: Json } = {};
  for (const [name, declared] of configuration.outputs) {
    const attributes = declared.block.body.attributes;
    const value = attributes.get('value');
    const sensitive = attributes.get('sensitive')?.expression;
    const description = attributes.get('description')?.expression;
    outputs[name] = {
      ...(sensitive?.kind === 'literal' && sensitive.value === true ? { sensitive: true } : {}),
      ...(value
        ? { expression: expressionJson(value.expression, declared.source, false) as Json }
        : {}),
      ...(description?.kind === 'literal' ? { description: description.value } : {}),
    };
  }
  const resources: Json[] = [];
  for (const mode of ['managed', 'data'] as const) {
    const table = mode === 'managed' ? configuration.resources : configuration.data;
    for (const [type, byName] of table) {
      for (const [name, declared] of byName) {
        const local = `${mode === 'data' ? 'data.' : ''}${type}.${name}`;
        const schema = AWS_RESOURCE_SCHEMAS[type];
        const hidden = new Set([...(schema?.sensitive ?? []), ...(schema?.writeOnly ?? [])]);
        resources.push({
          address: path ? `${path}.${local}` : local,
          mode,
          type,
          name,
          provider_config_key: 'aws',
          expressions: blockJson(declared.block.body, declared.source, hidden) as Json,
          schema_version: schema?.schemaVersion ?? 0,
          ...(metaExpressions(declared) as { [key: string]: Json }),
        });
      }
    }
  }
  const moduleCalls: { [name: string]: Json } = {};
  for (const [name, declared] of configuration.modules) {
    const child = tree.children.get(name);
    if (!child) continue;
    const expressions: BlockJson = {};
    for (const [argument, attribute] of declared.block.body.attributes) {
      if (MODULE_META.has(argument)) continue;
      expressions[argument] = expressionJson(attribute.expression, declared.source, false);
    }
    moduleCalls[name] = {
      source: literalString(declared, 'source'),
      expressions: expressions as Json,
      ...(metaExpressions(declared) as { [key: string]: Json }),
      module: moduleJson(child, path ? `${path}.module.${name}` : `module.${name}`),
    };
  }
  const variables: { [name: string]: Json } = {};
  for (const [name, declared] of configuration.variables) {
    const attributes = declared.block.body.attributes;
    const fallback = attributes.get('default');
    const description = attributes.get('description')?.expression;
    const sensitive = attributes.get('sensitive')?.expression;
    const constant = fallback ? expressionJson(fallback.expression, declared.source, false) : {};
    variables[name] = {
      ...('constant_value' in constant ? { default: constant.constant_value as Json } : {}),
      ...(description?.kind === 'literal' ? { description: description.value } : {}),
      ...(sensitive?.kind === 'literal' && sensitive.value === true ? { sensitive: true } : {}),
    };
  }
  return {
    ...(Object.keys(outputs).length ? { outputs } : {}),
    ...(resources.length ? { resources } : {}),
    ...(Object.keys(moduleCalls).length ? { module_calls: moduleCalls } : {}),
    ...(Object.keys(variables).length ? { variables } : {}),
  };
}

/** The root module's provider "aws" block, read again from its file (the loader skips it). */
function awsProviderBlock(tree: ModuleTree): Declared | undefined {
  for (const source of tree.configuration.files) {
    const block = parseHcl(source).blocks.find(
      (b) => b.type === 'provider' && b.labels[0] === 'aws',
    );
    if (block) return { block, source };
  }
  return undefined;
}

/** The `configuration` member of a plan for this module tree. */
export function configurationJson(tree: ModuleTree): Json {
  const declared = awsProviderBlock(tree);
  return {
    provider_config: {
      aws: {
        name: 'aws',
        full_name: AWS_PROVIDER,
        ...(declared
          ? { expressions: blockJson(declared.block.body, declared.source, new Set()) as Json }
          : {}),
      },
    },
    root_module: moduleJson(tree, ''),
  };
}
