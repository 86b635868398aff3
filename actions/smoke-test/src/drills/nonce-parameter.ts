// The nonce parameter during the drill: its current value saved (masked at once), values
// written as new SecureString versions under the same key, and the by-hand restore commands.
import {
  DescribeParametersCommand,
  GetParameterCommand,
  PutParameterCommand,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import { awsCall } from '../aws-errors.js';
import type { SmokeContext } from '../context.js';
import { CheckFailure } from '../recorder.js';

export interface SavedNonce {
  value: string;
  version: number;
  keyId: string;
}

export async function saveNonce(context: SmokeContext): Promise<SavedNonce> {
  const { ssm } = context.clients;
  const parameter = context.settings.parameters.nonce;
  const current = await awsCall(
    {
      action: 'ssm:GetParameter (with decryption)',
      resource: parameter.name,
      source: parameter.source,
    },
    () => ssm.send(new GetParameterCommand({ Name: parameter.name, WithDecryption: true })),
  );
  const value = current.Parameter?.Value ?? '';
  if (value) context.maskSecret(value);
  const described = await awsCall(
    { action: 'ssm:DescribeParameters', resource: parameter.name },
    () =>
      ssm.send(
        new DescribeParametersCommand({
          ParameterFilters: [{ Key: 'Name', Option: 'Equals', Values: [parameter.name] }],
        }),
      ),
  );
  const keyId = described.Parameters?.[0]?.KeyId ?? '';
  if (!value || !keyId) {
    throw new CheckFailure(`${parameter.name} has no value or no KMS key; nothing was changed`);
  }
  return { value, version: current.Parameter?.Version ?? 0, keyId };
}

/** Writes a value as a new SecureString version of the parameter under the same key. */
export function putNonceValue(ssm: SSMClient, name: string, value: string, keyId: string) {
  return awsCall({ action: 'ssm:PutParameter', resource: name }, () =>
    ssm.send(
      new PutParameterCommand({
        Name: name,
        Value: value,
        Type: 'SecureString',
        KeyId: keyId,
        Overwrite: true,
      }),
    ),
  );
}

/** The commands that put the saved version back by hand; they never print the value. */
export function restoreCommands(
  parameter: string,
  saved: Pick<SavedNonce, 'version' | 'keyId'>,
  functionName: string,
  description: string,
): string {
  const query = `Parameters[?Version==\`${saved.version}\`].Value | [0]`;
  return [
    `aws ssm put-parameter --name '${parameter}' --type SecureString --key-id '${saved.keyId}' --overwrite --value "$(aws ssm get-parameter-history --name '${parameter}' --with-decryption --query '${query}' --output text)"`,
    `aws lambda update-function-configuration --function-name '${functionName}' --description '${description.replace(/'/g, "'\\''")}'`,
  ].join('\n');
}
