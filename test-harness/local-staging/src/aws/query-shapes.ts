// The AWS query protocol's input, read with the operation's input shape: flat form names such as
// MetricData.member.2.Dimensions.member.1.Name become the nested structure, lists and typed values
// a JSON-protocol client sends, so one implementation of an operation serves both wire formats.
import { xmlEscape } from '../../../../actions/lib/src/xml-escape.js';
import { AwsServiceError } from './service-error.js';

export type Shape =
  | 'string'
  | 'number'
  | 'boolean'
  /** ISO 8601 on the wire; epoch seconds once read, as the JSON protocols carry it. */
  | 'timestamp'
  | { list: Shape }
  | { structure: Record<string, Shape> };

export const list = (member: Shape): Shape => ({ list: member });
export const structure = (
  members: Record<string, Shape>,
): { structure: Record<string, Shape> } => ({
  structure: members,
});

function scalar(shape: Shape, name: string, text: string): unknown {
  switch (shape) {
    case 'string':
      return text;
    case 'number': {
      const number = Number(text);
      if (text.trim() === '' || Number.isNaN(number)) {
        throw new AwsServiceError(
          'InvalidParameterValue',
          `The value ${text} for parameter ${name} is not a number.`,
        );
      }
      return number;
    }
    case 'boolean':
      if (text !== 'true' && text !== 'false') {
        throw new AwsServiceError(
          'InvalidParameterValue',
          `The value ${text} for parameter ${name} is not a boolean (true or false).`,
        );
      }
      return text === 'true';
    default: {
      const ms = /^\d+(\.\d+)?$/.test(text) ? Number(text) * 1000 : Date.parse(text);
      if (Number.isNaN(ms)) {
        throw new AwsServiceError(
          'InvalidParameterValue',
          `The value ${text} for parameter ${name} is not an ISO 8601 timestamp.`,
        );
      }
      return ms / 1000;
    }
  }
}

function present(params: URLSearchParams, name: string): boolean {
  if (params.has(name)) return true;
  for (const key of params.keys()) if (key.startsWith(`${name}.`)) return true;
  return false;
}

function read(params: URLSearchParams, name: string, shape: Shape): unknown {
  if (typeof shape === 'string') {
    const text = params.get(name);
    return text === null ? undefined : scalar(shape, name, text);
  }
  if ('list' in shape) {
    // An empty list travels as the bare name with an empty value.
    if (params.get(name) === '') return [];
    const items: unknown[] = [];
    for (let i = 1; present(params, `${name}.member.${i}`); i++) {
      items.push(read(params, `${name}.member.${i}`, shape.list));
    }
    return items.length > 0 ? items : undefined;
  }
  if (!present(params, name)) return undefined;
  return readStructure(params, shape.structure, `${name}.`);
}

function readStructure(
  params: URLSearchParams,
  members: Record<string, Shape>,
  prefix: string,
): Record<string, unknown> {
  const result: Record<string, unknown> = {};
  for (const [member, shape] of Object.entries(members)) {
    const value = read(params, `${prefix}${member}`, shape);
    if (value !== undefined) result[member] = value;
  }
  return result;
}

/** The input of an operation from its form parameters; members outside the shape are ignored. */
export function queryInput(
  params: URLSearchParams,
  shape: { structure: Record<string, Shape> },
): Record<string, unknown> {
  return readStructure(params, shape.structure, '');
}

/** A JSON-shaped output as the query protocol's XML: lists as <member> items, dates in ISO 8601. */
export function xmlOf(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => `<member>${xmlOf(item)}</member>`).join('');
  if (value !== null && typeof value === 'object') {
    return Object.entries(value)
      .filter(([, inner]) => inner !== undefined && inner !== null)
      .map(([name, inner]) => `<${name}>${xmlOf(inner)}</${name}>`)
      .join('');
  }
  return xmlEscape(String(value));
}
