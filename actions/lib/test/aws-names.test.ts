import { describe, expect, it } from '@jest/globals';
import {
  parseFunctionName,
  parseMetricNamespace,
  parseParameterPath,
  parseQualifier,
  parseTableName,
  parseTableNamePrefix,
} from '../src/aws-names.js';

describe('AWS name inputs', () => {
  it.each([
    'mirror-dissonance-oracle-staging',
    'mirror-dissonance-oracle-staging:live',
    '123456789012:function:oracle',
    'arn:aws:lambda:eu-west-1:123456789012:function:oracle',
    'arn:aws-us-gov:lambda:us-gov-west-1:123456789012:function:oracle:$LATEST',
  ])('accepts the function %s', (name) => {
    expect(parseFunctionName('function-name', name)).toBe(name);
  });

  it.each(['', 'oracle staging', 'oracle\n::warning::x', 'arn:aws:s3:::bucket', 'x'.repeat(141)])(
    'refuses the function %j, naming the input and the form',
    (name) => {
      expect(() => parseFunctionName('function-name', name)).toThrow(
        /^Input 'function-name' must be a Lambda function name .* or its ARN/,
      );
    },
  );

  it('checks qualifiers, tables, prefixes, parameter paths and namespaces', () => {
    expect(parseQualifier('qualifier', '$LATEST')).toBe('$LATEST');
    expect(parseQualifier('qualifier', '7')).toBe('7');
    expect(() => parseQualifier('qualifier', 'live\r')).toThrow(/^Input 'qualifier' must be/);
    expect(parseTableName('fp-events-table', 'mirror-dissonance-fp-events-staging')).toBeTruthy();
    expect(() => parseTableName('fp-events-table', 'ab')).toThrow(/3-255/);
    expect(parseTableNamePrefix('table-prefix', '')).toBe('');
    expect(() => parseTableNamePrefix('table-prefix', 'a b')).toThrow(/^Input 'table-prefix'/);
    expect(parseParameterPath('parameter-prefix', '/md/staging/', '/x/')).toBe('/md/staging/');
    expect(() => parseParameterPath('parameter-prefix', '/md/staging', '/x/')).toThrow(
      /starts and ends with '\/'.*e\.g\. \/x\//,
    );
    expect(parseMetricNamespace('publish-metrics', 'MirrorDissonance/Bench')).toBeTruthy();
    expect(() => parseMetricNamespace('publish-metrics', 'AWS/Lambda')).toThrow(/not AWS\//);
  });
});
