// Forcing new execution environments of $LATEST: any configuration update retires the old ones
// (on AWS only for $LATEST; published versions keep theirs), and the waiter holds until it settles.
import {
  GetFunctionConfigurationCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionUpdatedV2,
  type LambdaClient,
} from '@aws-sdk/client-lambda';
import { awsCall } from '../aws-errors.js';

export async function functionDescription(
  lambda: LambdaClient,
  functionName: string,
): Promise<string> {
  const config = await awsCall(
    { action: 'lambda:GetFunctionConfiguration', resource: functionName },
    () => lambda.send(new GetFunctionConfigurationCommand({ FunctionName: functionName })),
  );
  return config.Description ?? '';
}

/** Sets the description (a harmless change) and waits until the update is done. */
export async function replaceInstances(
  lambda: LambdaClient,
  functionName: string,
  description: string,
  timeoutMs: number,
): Promise<void> {
  await awsCall({ action: 'lambda:UpdateFunctionConfiguration', resource: functionName }, () =>
    lambda.send(
      new UpdateFunctionConfigurationCommand({
        FunctionName: functionName,
        Description: description,
      }),
    ),
  );
  await awsCall({ action: 'lambda:GetFunctionConfiguration', resource: functionName }, () =>
    waitUntilFunctionUpdatedV2(
      {
        client: lambda,
        maxWaitTime: Math.max(1, Math.ceil(timeoutMs / 1000)),
        minDelay: 1,
        maxDelay: 2,
      },
      { FunctionName: functionName },
    ),
  );
}
