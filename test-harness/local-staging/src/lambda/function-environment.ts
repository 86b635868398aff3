// The process environment of a function instance, as the Lambda Node.js runtime sets it: the
// function's variables, the reserved Lambda variables, and credentials for its execution role.
// Nothing of the emulator's own environment leaks in except PATH.
import { randomBytes } from 'node:crypto';
import type { FunctionConfig } from './function-config.js';

export interface RoleCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

export function functionEnvironment(
  config: FunctionConfig,
  region: string,
  credentials: RoleCredentials,
  endpoints: Record<string, string>,
): Record<string, string> {
  const day = new Date().toISOString().slice(0, 10).replace(/-/g, '/');
  return {
    ...config.environment,
    ...endpoints,
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    LANG: 'en_US.UTF-8',
    TZ: ':UTC',
    LAMBDA_TASK_ROOT: config.codeDirectory,
    _HANDLER: config.handler,
    AWS_EXECUTION_ENV: `AWS_Lambda_${config.runtime}`,
    AWS_LAMBDA_FUNCTION_NAME: config.name,
    AWS_LAMBDA_FUNCTION_VERSION: config.version,
    AWS_LAMBDA_FUNCTION_MEMORY_SIZE: String(config.memorySize),
    AWS_LAMBDA_LOG_GROUP_NAME: `/aws/lambda/${config.name}`,
    AWS_LAMBDA_LOG_STREAM_NAME: `${day}/[${config.version}]${randomBytes(16).toString('hex')}`,
    AWS_LAMBDA_INITIALIZATION_TYPE: 'on-demand',
    AWS_REGION: region,
    AWS_DEFAULT_REGION: region,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_SESSION_TOKEN: credentials.sessionToken,
  };
}
