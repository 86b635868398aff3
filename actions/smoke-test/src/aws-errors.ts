// Turns an AWS SDK error into a sentence a person can act on: which action on which resource was
// denied, or which name was expected and from which input.
import { errorMessage, errorName } from '../../lib/src/errors.js';
import { CheckFailure } from './recorder.js';

const DENIED =
  /^(AccessDenied|AccessDeniedException|UnauthorizedOperation|AuthorizationError|AuthorizationErrorException|UnrecognizedClientException|InvalidClientTokenId|ExpiredToken|ExpiredTokenException)$/;
const NOT_FOUND =
  /^(ResourceNotFoundException|ResourceNotFound|ParameterNotFound|NoSuchEntity|NoSuchEntityException|DashboardNotFoundError|NotFoundException|QueueDoesNotExist)$/;

export interface AwsStep {
  /** The IAM action, e.g. dynamodb:DescribeTable. */
  action: string;
  /** The resource name or ARN acted on. */
  resource: string;
  /** Where the resource name came from (for "not found"). */
  source?: string;
}

export function explainAwsError(error: unknown, step: AwsStep): string {
  const name = errorName(error);
  const message = errorMessage(error);
  if (DENIED.test(name)) {
    // AWS names the action actually refused, which may be another service's (kms:Decrypt for SSM).
    const refused = /not authorized to perform: (\S+) on resource: (\S+)/.exec(message);
    const action = refused?.[1] ?? step.action;
    const resource = refused?.[2] ?? step.resource;
    const credentials = /token|client/i.test(name)
      ? ' The credentials are invalid or expired: run oidc-assume (or configure credentials) earlier in the job.'
      : ` Allow ${action} on ${resource} for the role this step runs as (the deploy role's policy in infra/terraform/modules/iam/policies.tf).`;
    return `Not allowed to call ${step.action} on ${step.resource} (${name}: ${message}).${credentials}`;
  }
  if (NOT_FOUND.test(name)) {
    const from = step.source ? ` The name comes from ${step.source}.` : '';
    return `${step.resource} was not found (${step.action}: ${name}).${from} Check that the environment is deployed and the name is right.`;
  }
  return `${step.action} on ${step.resource} failed: ${name}: ${message}`;
}

/** Runs one SDK call; a failure becomes a CheckFailure with the explanation. */
export async function awsCall<T>(step: AwsStep, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw new CheckFailure(explainAwsError(error, step));
  }
}
