// Decides IAM requests from the identity policies of each role, with a full IAM policy evaluation
// engine (@cloud-copilot/iam-simulate: NotAction, every condition operator, explicit deny).
// Decisions are cached per request shape because policies only change when the stack is provisioned.
import { runSimulation, type EvaluationResult } from '@cloud-copilot/iam-simulate';

export interface PolicyDocument {
  Version?: string;
  Statement: unknown;
}

export interface NamedPolicy {
  name: string;
  document: PolicyDocument;
}

export interface PolicyRequest {
  /** The role whose identity policies apply: arn:aws:iam::<account>:role/<name>. */
  roleArn: string;
  /** The ARN the request is made as, e.g. the assumed-role session ARN. */
  principalArn: string;
  action: string;
  resource: string;
  context?: Record<string, string | string[]>;
  /** The session policy the credentials were issued with (AssumeRole* Policy), if any. */
  sessionPolicy?: PolicyDocument;
}

export interface PolicyDecision {
  result: EvaluationResult;
  /** Names of the policies whose statements decided the result. */
  decisivePolicies: string[];
}

/** A request an AWS service makes as its service principal (e.g. SNS delivering to a queue). */
export interface ServicePrincipalRequest {
  /** The service principal, e.g. sns.amazonaws.com. */
  service: string;
  action: string;
  resource: string;
  context?: Record<string, string | string[]>;
}

/** The engine could not evaluate a request: an unknown action, or a resource the action does not act on. */
export class PolicyEvaluationError extends Error {
  constructor(
    /** The engine's reason, e.g. invalid.action or no.resource.types. */
    readonly reason: string,
    message: string,
  ) {
    super(message);
    this.name = 'PolicyEvaluationError';
  }
}

/** The key policy KMS gives a key created without one: it lets IAM policies of the account decide. */
export function defaultKeyPolicy(account: string): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'Enable IAM User Permissions',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${account}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
    ],
  };
}

interface SimulatedRequest {
  principal: string;
  action: string;
  resource: string;
  account: string;
  context: Record<string, string | string[]> | undefined;
}

type Policies = Pick<
  Parameters<typeof runSimulation>[0],
  'identityPolicies' | 'resourcePolicy' | 'sessionPolicy'
>;

/** Runs the engine on one request; an error (unknown action, resource) is thrown, naming it. */
async function simulateOrThrow(request: SimulatedRequest, policies: Policies) {
  const outcome = await runSimulation(
    {
      request: {
        principal: request.principal,
        action: request.action,
        resource: { resource: request.resource, accountId: request.account },
        contextVariables: request.context ?? {},
      },
      ...policies,
      serviceControlPolicies: [],
      resourceControlPolicies: [],
    },
    {},
  );
  if (outcome.resultType === 'error') {
    throw new PolicyEvaluationError(
      outcome.errors.message,
      `the policy engine could not evaluate ${request.action} on ${request.resource} for ` +
        `${request.principal}: ${outcome.errors.message} ${JSON.stringify(outcome.errors)}`,
    );
  }
  return outcome;
}

export class PolicyEngine {
  readonly #policiesByRole = new Map<string, NamedPolicy[]>();
  readonly #resourcePolicies = new Map<string, PolicyDocument>();
  readonly #decisions = new Map<string, Promise<PolicyDecision>>();

  /** Replaces the identity policies of a role. */
  setRolePolicies(roleArn: string, policies: NamedPolicy[]): void {
    this.#policiesByRole.set(roleArn, policies);
    this.#decisions.clear();
  }

  /** Sets the resource-based policy of a resource (e.g. a KMS key policy). */
  setResourcePolicy(resourceArn: string, document: PolicyDocument): void {
    this.#resourcePolicies.set(resourceArn, document);
    this.#decisions.clear();
  }

  rolePolicies(roleArn: string): NamedPolicy[] | undefined {
    return this.#policiesByRole.get(roleArn);
  }

  evaluate(request: PolicyRequest): Promise<PolicyDecision> {
    const key = JSON.stringify([
      request.roleArn,
      request.principalArn,
      request.action,
      request.resource,
      request.context ?? {},
      request.sessionPolicy ?? null,
    ]);
    let decision = this.#decisions.get(key);
    if (!decision) {
      decision = this.#simulate(request);
      this.#decisions.set(key, decision);
      decision.catch(() => this.#decisions.delete(key));
    }
    return decision;
  }

  /** A service principal's request, which only the resource's own policy can allow. */
  async evaluateServicePrincipal(request: ServicePrincipalRequest): Promise<PolicyDecision> {
    const outcome = await simulateOrThrow(
      {
        principal: request.service,
        action: request.action,
        resource: request.resource,
        account: request.resource.split(':')[4] ?? '',
        context: request.context,
      },
      { identityPolicies: [], resourcePolicy: this.#resourcePolicies.get(request.resource) },
    );
    return { result: outcome.overallResult, decisivePolicies: [] };
  }

  async #simulate(request: PolicyRequest): Promise<PolicyDecision> {
    const account = /^arn:aws:iam::(\d{12}):/.exec(request.roleArn)?.[1];
    if (!account) throw new Error(`policy engine: not a role ARN: ${request.roleArn}`);
    const policies = this.#policiesByRole.get(request.roleArn) ?? [];
    const resourcePolicy =
      this.#resourcePolicies.get(request.resource) ??
      (/^arn:aws:kms:[^:]*:(\d{12}):key\//.test(request.resource)
        ? defaultKeyPolicy(request.resource.split(':')[4]!)
        : undefined);
    const outcome = await simulateOrThrow(
      {
        principal: request.principalArn,
        action: request.action,
        resource: request.resource,
        account,
        context: request.context,
      },
      {
        ...(request.sessionPolicy ? { sessionPolicy: request.sessionPolicy } : {}),
        identityPolicies: policies.map((p) => ({ name: p.name, policy: p.document })),
        resourcePolicy,
      },
    );
    const analyses = outcome.resultType === 'single' ? [outcome.result] : outcome.results;
    const decisive = new Set<string>();
    for (const { analysis } of analyses) {
      const identity = analysis.identityAnalysis;
      if (!identity) continue;
      const statements =
        outcome.overallResult === 'ExplicitlyDenied'
          ? identity.denyStatements
          : outcome.overallResult === 'Allowed'
            ? identity.allowStatements
            : [];
      for (const statement of statements) decisive.add(statement.policyId);
    }
    return { result: outcome.overallResult, decisivePolicies: [...decisive] };
  }
}
