// ssm: each parameter exists as a SecureString under a customer-managed key. Only metadata is
// read (DescribeParameters): values are never requested, so never decrypted or printed.
import { DescribeParametersCommand, type ParameterMetadata } from '@aws-sdk/client-ssm';
import { awsCall } from '../aws-errors.js';
import type { SmokeContext } from '../context.js';
import { CheckFailure } from '../recorder.js';

const AWS_MANAGED_KEY = 'alias/aws/ssm';

export async function checkSsm(context: SmokeContext): Promise<void> {
  const { ssm } = context.clients;
  const parameters = Object.values(context.settings.parameters);
  let found: Map<string, ParameterMetadata> | undefined;
  let listError: unknown;
  try {
    const output = await awsCall(
      { action: 'ssm:DescribeParameters', resource: parameters.map((p) => p.name).join(', ') },
      () =>
        ssm.send(
          new DescribeParametersCommand({
            ParameterFilters: [
              { Key: 'Name', Option: 'Equals', Values: parameters.map((p) => p.name) },
            ],
          }),
        ),
    );
    found = new Map((output.Parameters ?? []).map((p) => [p.Name ?? '', p]));
  } catch (error) {
    listError = error;
  }
  for (const parameter of parameters) {
    // The check is named by the path without its leading '/', so ids read ssm/<path>.
    await context.recorder.check('ssm', parameter.name.replace(/^\//, ''), async () => {
      if (listError !== undefined) throw listError;
      const metadata = found?.get(parameter.name);
      if (!metadata) {
        throw new CheckFailure(
          `${parameter.name} was not found (the name comes from ${parameter.source}); expected a SecureString set outside Terraform (see docs/ops/deployment-guide.md).`,
        );
      }
      if (metadata.Type !== 'SecureString') {
        throw new CheckFailure(
          `${parameter.name} is a ${metadata.Type}, expected SecureString: its value is stored unencrypted. Recreate it with --type SecureString --key-id <the project's KMS key>.`,
        );
      }
      const keyId = metadata.KeyId ?? AWS_MANAGED_KEY;
      if (keyId === AWS_MANAGED_KEY) {
        throw new CheckFailure(
          `${parameter.name} is encrypted with the AWS-managed key ${AWS_MANAGED_KEY}, expected the project's customer-managed KMS key.`,
        );
      }
      return { detail: `SecureString under ${keyId}, version ${metadata.Version ?? '?'}` };
    });
  }
}
