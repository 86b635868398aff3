// The SSM side of ParameterReader. Loaded with `import()` on first use (see aws-clients.ts).
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import type { ParameterReader } from './parameter-reader.js';

export function ssmParameterReader(client = new SSMClient({})): ParameterReader {
  return {
    async read(selector) {
      const { Parameter } = await client.send(
        new GetParameterCommand({ Name: selector, WithDecryption: true }),
      );
      if (Parameter?.Value === undefined || Parameter.Version === undefined) {
        throw new Error(`SSM returned no value for ${selector}`);
      }
      return {
        value: Parameter.Value,
        version: Parameter.Version,
        lastModified: Parameter.LastModifiedDate ?? new Date(0),
      };
    },
  };
}
