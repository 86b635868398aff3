// iam: the allow/deny matrix, simulated with SimulatePrincipalPolicy against each role's policies.
import { SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
import { DescribeParametersCommand } from '@aws-sdk/client-ssm';
import { awsCall } from '../aws-errors.js';
import type { SmokeContext } from '../context.js';
import { CheckFailure } from '../recorder.js';
import { iamMatrix, type PermissionExpectation } from './iam-matrix.js';

/** Resources an action does not apply to are left out of the ARN list by IAM; keep pairs whole. */
async function simulate(
  context: SmokeContext,
  expectation: PermissionExpectation,
): Promise<string[]> {
  const role = context.targets.roles[expectation.role];
  const output = await awsCall(
    { action: 'iam:SimulatePrincipalPolicy', resource: role.arn, source: role.source },
    () =>
      context.clients.iam.send(
        new SimulatePrincipalPolicyCommand({
          PolicySourceArn: role.arn,
          ActionNames: expectation.actions,
          ResourceArns: expectation.resources,
          ContextEntries: Object.entries(expectation.context ?? {}).map(([key, value]) => ({
            ContextKeyName: key,
            ContextKeyValues: [value],
            ContextKeyType: 'string',
          })),
        }),
      ),
  );
  const wrong: string[] = [];
  for (const result of output.EvaluationResults ?? []) {
    const allowed = result.EvalDecision === 'allowed';
    if (allowed === (expectation.expect === 'allowed')) continue;
    const statements = (result.MatchedStatements ?? [])
      .map((s) => s.SourcePolicyId)
      .filter(Boolean)
      .join(', ');
    wrong.push(
      `${result.EvalActionName} on ${result.EvalResourceName} is ${result.EvalDecision}${statements ? ` (by ${statements})` : ''}`,
    );
  }
  return wrong;
}

/** The nonce parameter's KMS key ARN, or undefined when it cannot be read or is an alias. */
async function parameterKeyArn(context: SmokeContext): Promise<string | undefined> {
  const name = context.settings.parameters.nonce.name;
  try {
    const output = await context.clients.ssm.send(
      new DescribeParametersCommand({
        ParameterFilters: [{ Key: 'Name', Option: 'Equals', Values: [name] }],
      }),
    );
    const keyId = output.Parameters?.[0]?.KeyId ?? '';
    return /^arn:[^:]+:kms:[^:]*:\d{12}:key\//.test(keyId) ? keyId : undefined;
  } catch {
    return undefined;
  }
}

export async function checkIam(context: SmokeContext): Promise<void> {
  const keyArn = await parameterKeyArn(context);
  if (!keyArn) {
    context.recorder.skip(
      'iam',
      'exec/kms',
      `the KMS key of ${context.settings.parameters.nonce.name} is not readable as a key ARN (see the ssm checks); kms:Decrypt is not simulated`,
    );
  }
  for (const expectation of iamMatrix(context.settings, context.targets, keyArn)) {
    await context.recorder.check('iam', `${expectation.role}/${expectation.name}`, async () => {
      const wrong = await simulate(context, expectation);
      if (wrong.length > 0) {
        throw new CheckFailure(`expected ${expectation.expect}, but ${wrong.join('; ')}`, {
          role: context.targets.roles[expectation.role].arn,
        });
      }
      const pairs = expectation.actions.length * expectation.resources.length;
      return {
        detail: `${expectation.expect}: ${expectation.actions.join(', ')} (${pairs} pairs)`,
      };
    });
  }
}
