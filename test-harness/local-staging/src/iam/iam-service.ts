// IAM over the query protocol: SimulatePrincipalPolicy, evaluated by the same policy engine that
// authorises every call to the stack.
import { randomUUID } from 'node:crypto';
import { QUERY_AUTH_ERRORS, type Authorizer } from '../aws/authorizer.js';
import { xmlEscape } from '../../../../actions/lib/src/xml-escape.js';
import { AwsServiceError, errorResponse } from '../aws/service-error.js';
import type { ServiceHandler } from '../http-service.js';
import {
  PolicyEvaluationError,
  type PolicyDecision,
  type PolicyEngine,
  type PolicyRequest,
} from './policy-engine.js';
import { pageOf } from '../aws/paging.js';
import { formParams, memberList, memberPrefixes, queryResponse } from '../aws/query-params.js';

const DECISIONS = {
  Allowed: 'allowed',
  ExplicitlyDenied: 'explicitDeny',
  ImplicitlyDenied: 'implicitDeny',
} as const;

export interface IamServiceDeps {
  engine: PolicyEngine;
  authorizer: Authorizer;
}

function contextEntries(params: URLSearchParams): Record<string, string | string[]> {
  const context: Record<string, string | string[]> = {};
  for (const prefix of memberPrefixes(params, 'ContextEntries')) {
    const key = params.get(`${prefix}.ContextKeyName`);
    if (!key) throw new AwsServiceError('InvalidInput', `${prefix}.ContextKeyName is required.`);
    const values = memberList(params, `${prefix}.ContextKeyValues`);
    const type = params.get(`${prefix}.ContextKeyType`) ?? 'string';
    context[key] = type.endsWith('List') ? values : (values[0] ?? '');
  }
  return context;
}

/** As IAM's simulator: a resource the action does not act on is simply not allowed. */
async function simulate(engine: PolicyEngine, request: PolicyRequest): Promise<PolicyDecision> {
  try {
    return await engine.evaluate(request);
  } catch (error) {
    if (error instanceof PolicyEvaluationError && error.reason === 'no.resource.types') {
      return { result: 'ImplicitlyDenied', decisivePolicies: [] };
    }
    if (error instanceof PolicyEvaluationError && error.reason === 'invalid.action') {
      throw new AwsServiceError('InvalidInput', `Invalid action name: ${request.action}`);
    }
    throw error;
  }
}

export function createIamService(deps: IamServiceDeps): ServiceHandler {
  const { engine, authorizer } = deps;
  return async (request) => {
    const requestId = randomUUID();
    try {
      const params = formParams(request.body);
      const action = params.get('Action');
      const caller = await authorizer.identify(request, QUERY_AUTH_ERRORS);
      if (action !== 'SimulatePrincipalPolicy') {
        throw new AwsServiceError(
          'InvalidAction',
          `The local IAM emulator implements SimulatePrincipalPolicy only, not ${action ?? '(no Action)'}.`,
        );
      }
      const source = params.get('PolicySourceArn');
      if (!source) throw new AwsServiceError('InvalidInput', 'PolicySourceArn is required.');
      await authorizer.authorize(
        caller,
        'iam:SimulatePrincipalPolicy',
        [source],
        QUERY_AUTH_ERRORS,
      );
      const role = /^arn:aws:iam::\d{12}:role\/(?:.*\/)?([\w+=,.@-]+)$/.exec(source);
      if (!role) {
        throw new AwsServiceError(
          'InvalidInput',
          `PolicySourceArn ${source} is not a role ARN; the local IAM emulator simulates roles.`,
        );
      }
      if (!engine.rolePolicies(source)) {
        throw new AwsServiceError(
          'NoSuchEntity',
          `The role with name ${role[1]} cannot be found.`,
          404,
        );
      }
      const actions = memberList(params, 'ActionNames');
      if (actions.length === 0)
        throw new AwsServiceError('InvalidInput', 'ActionNames must list at least one action.');
      const resources = memberList(params, 'ResourceArns');
      const context = contextEntries(params);
      const members: string[] = [];
      for (const actionName of actions) {
        for (const resource of resources.length > 0 ? resources : ['*']) {
          const decision = await simulate(engine, {
            roleArn: source,
            principalArn: source,
            action: actionName,
            resource,
            context,
          });
          const matched = decision.decisivePolicies
            .map(
              (id) =>
                `<member><SourcePolicyId>${xmlEscape(id)}</SourcePolicyId><SourcePolicyType>IAM Policy</SourcePolicyType></member>`,
            )
            .join('');
          members.push(
            `<member><EvalActionName>${xmlEscape(actionName)}</EvalActionName>` +
              `<EvalResourceName>${xmlEscape(resource)}</EvalResourceName>` +
              `<EvalDecision>${DECISIONS[decision.result]}</EvalDecision>` +
              `<MatchedStatements>${matched}</MatchedStatements><MissingContextValues/></member>`,
          );
        }
      }
      const maxItems = params.get('MaxItems');
      const page = pageOf(
        members,
        maxItems === null ? undefined : Number(maxItems),
        params.get('Marker'),
        {
          sizeMember: 'maxItems',
          defaultSize: 100,
          maxSize: 1000,
          sizeError: 'ValidationError',
          tokenError: 'InvalidInput',
        },
      );
      const truncated = page.nextToken
        ? `<IsTruncated>true</IsTruncated><Marker>${page.nextToken}</Marker>`
        : '<IsTruncated>false</IsTruncated>';
      return queryResponse(
        'iam',
        'SimulatePrincipalPolicy',
        `${truncated}<EvaluationResults>${page.items.join('')}</EvaluationResults>`,
        requestId,
      );
    } catch (error) {
      if (error instanceof AwsServiceError)
        return errorResponse(error, 'query', { requestId, service: 'iam' });
      throw error;
    }
  };
}
