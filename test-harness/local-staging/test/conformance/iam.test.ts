// IAM as AWS answers the calls the pipeline, the AWS CLI and SDK v3 make, against local staging
// provisioned from infra/terraform. Each test names the AWS behaviour it checks.
import { describe, expect, it } from '@jest/globals';
import {
  IAMClient,
  paginateSimulatePrincipalPolicy,
  SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import { oracleNames } from '../../../../oracle/src/contract.js';
import { useLocalStaging } from './staging-client.js';

const names = oracleNames('staging');
const ACCOUNT = '123456789012';
const EXEC_ROLE = `arn:aws:iam::${ACCOUNT}:role/${names.execRole}`;
const NONCE = `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter${names.nonceParameter}`;

describe('IAM conformance', () => {
  const local = useLocalStaging();
  const iam = () => local.client(IAMClient, (s) => s.stack.endpoints.iam);

  it("SimulatePrincipalPolicy decides each action on each resource with the role's policies", async () => {
    const { EvaluationResults, IsTruncated } = await iam().send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: EXEC_ROLE,
        ActionNames: ['ssm:GetParameter', 'ssm:PutParameter'],
        ResourceArns: [NONCE],
      }),
    );

    expect(IsTruncated).toBe(false);
    expect(EvaluationResults?.map((r) => [r.EvalActionName, r.EvalDecision])).toEqual([
      ['ssm:GetParameter', 'allowed'],
      ['ssm:PutParameter', 'implicitDeny'],
    ]);
  });

  it('pages the results with MaxItems, IsTruncated and Marker', async () => {
    const pages: string[][] = [];
    for await (const page of paginateSimulatePrincipalPolicy(
      { client: iam(), pageSize: 1 },
      {
        PolicySourceArn: EXEC_ROLE,
        ActionNames: ['ssm:GetParameter', 'ssm:PutParameter', 'ssm:DeleteParameter'],
        ResourceArns: [NONCE],
      },
    )) {
      pages.push((page.EvaluationResults ?? []).map((r) => r.EvalActionName ?? ''));
    }

    expect(pages).toEqual([['ssm:GetParameter'], ['ssm:PutParameter'], ['ssm:DeleteParameter']]);
  });
});
