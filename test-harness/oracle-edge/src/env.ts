// The environment Terraform gives the function (the seed's variables), with endpoints pointing at the test edge.
import { NAME_PREFIXES, oracleNames } from '../../../oracle/src/contract.js';
import { SSM_ENDPOINT } from './fake-ssm.js';

export const GITHUB_API = 'https://github-api.oracle.test';

export function oracleEnv(
  endpoint: string,
  extra: Record<string, string> = {},
): Record<string, string> {
  const names = oracleNames('staging');
  return {
    ENVIRONMENT: 'staging',
    DYNAMODB_TABLE_PREFIX: NAME_PREFIXES.dynamodbTable,
    SSM_PARAMETER_PREFIX: names.parameterPrefix,
    GITHUB_TOKEN_SSM: names.githubTokenParameter,
    NONCE_SSM: names.nonceParameter,
    GITHUB_API_URL: GITHUB_API,
    // The budget covers the token's first SSM read, which loads the SDK: a loaded machine can take
    // seconds. The timeout itself is tested in github/pull-request-files.test.ts.
    GITHUB_API_TIMEOUT_MS: '30000',
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'AKIDTESTONLY',
    AWS_SECRET_ACCESS_KEY: 'test-only-secret',
    AWS_MAX_ATTEMPTS: '1',
    AWS_ENDPOINT_URL_SSM: SSM_ENDPOINT,
    AWS_ENDPOINT_URL_DYNAMODB: endpoint,
    ...extra,
  };
}
