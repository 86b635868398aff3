// The FunctionConfiguration structure of the Lambda API for one version of a function.
import type { FunctionConfig } from './function-config.js';
import type { LambdaFunction, UpdateStatus } from './functions.js';

function lambdaTimestamp(date: Date): string {
  return date.toISOString().replace('Z', '+0000');
}

/** `lastUpdateStatus` is $LATEST's (published versions are always Successful). */
export function configurationOutput(
  fn: LambdaFunction,
  config: FunctionConfig,
  lastUpdateStatus: UpdateStatus,
): Record<string, unknown> {
  const latest = config.version === '$LATEST';
  return {
    FunctionName: fn.name,
    FunctionArn: latest ? fn.arn : `${fn.arn}:${config.version}`,
    Runtime: config.runtime,
    Role: config.role,
    Handler: config.handler,
    CodeSize: config.codeSize,
    Description: config.description,
    Timeout: config.timeout,
    MemorySize: config.memorySize,
    LastModified: lambdaTimestamp(config.lastModified),
    CodeSha256: config.codeSha256,
    Version: config.version,
    Environment: { Variables: config.environment },
    TracingConfig: { Mode: 'PassThrough' },
    RevisionId: config.revisionId,
    State: 'Active',
    LastUpdateStatus: latest ? lastUpdateStatus : 'Successful',
    PackageType: 'Zip',
    Architectures: config.architectures,
    EphemeralStorage: { Size: 512 },
    SnapStart: { ApplyOn: 'None', OptimizationStatus: 'Off' },
    LoggingConfig: { LogFormat: config.logging.logFormat, LogGroup: config.logging.logGroup },
  };
}
