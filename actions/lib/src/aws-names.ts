// Name inputs checked against the grammar AWS gives them, before any request: a wrong name fails
// with the input's name and the expected form, and no name can carry a line break or a workflow
// command into the log.
import { ConfigurationError } from './errors.js';

// The patterns of the Lambda, DynamoDB, SSM and CloudWatch APIs (FunctionName, Qualifier,
// TableName, the characters of a parameter name, Namespace).
const FUNCTION_NAME =
  /^(arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\d{1}:)?(\d{12}:)?(function:)?([a-zA-Z0-9-_.]+)(:(\$LATEST|[a-zA-Z0-9-_]+))?$/;
const QUALIFIER = /^(\$LATEST|[a-zA-Z0-9-_]{1,128})$/;
const TABLE_NAME = /^[a-zA-Z0-9_.-]{3,255}$/;
const TABLE_NAME_CHARACTERS = /^[a-zA-Z0-9_.-]*$/;
const PARAMETER_PATH = /^\/([a-zA-Z0-9_.-]+\/)*$/;
const METRIC_NAMESPACE = /^[a-zA-Z0-9 ._/#:-]{1,255}$/;

function refuse(input: string, text: string, expected: string): never {
  throw new ConfigurationError(`Input '${input}' must be ${expected}, got '${text}'.`);
}

/** A Lambda function name, partial ARN or ARN, optionally with :qualifier (at most 140 characters). */
export function parseFunctionName(input: string, text: string): string {
  if (text.length <= 140 && FUNCTION_NAME.test(text)) return text;
  return refuse(
    input,
    text,
    'a Lambda function name (letters, digits, - and _, e.g. mirror-dissonance-oracle-staging) or its ARN (arn:aws:lambda:<region>:<account>:function:<name>)',
  );
}

/** A Lambda alias or version: $LATEST, a version number or an alias name. */
export function parseQualifier(input: string, text: string): string {
  if (QUALIFIER.test(text)) return text;
  return refuse(
    input,
    text,
    'a Lambda alias or version ($LATEST, a number, or letters, digits, - and _)',
  );
}

/** A DynamoDB table name: 3-255 of letters, digits, _ . and -. */
export function parseTableName(input: string, text: string): string {
  if (TABLE_NAME.test(text)) return text;
  return refuse(input, text, 'a DynamoDB table name (3-255 letters, digits, _, . and -)');
}

/** The start of DynamoDB table names: letters, digits, _ . and - only. */
export function parseTableNamePrefix(input: string, text: string): string {
  if (TABLE_NAME_CHARACTERS.test(text) && text.length <= 200) return text;
  return refuse(input, text, 'the start of DynamoDB table names (letters, digits, _, . and -)');
}

/** An SSM parameter path that starts and ends with '/', e.g. /mirror-dissonance/staging/. */
export function parseParameterPath(input: string, text: string, example: string): string {
  if (PARAMETER_PATH.test(text) && text.length <= 1011) return text;
  return refuse(
    input,
    text,
    `an SSM parameter path that starts and ends with '/' (letters, digits, _, . and - between the slashes), e.g. ${example}`,
  );
}

/** A CloudWatch metric namespace of one's own (not AWS/…). */
export function parseMetricNamespace(input: string, text: string): string {
  if (METRIC_NAMESPACE.test(text) && !text.startsWith('AWS/') && !text.startsWith(':')) return text;
  return refuse(
    input,
    text,
    'a CloudWatch namespace of your own (not AWS/…; at most 255 letters, digits, spaces and . _ / # : -)',
  );
}
