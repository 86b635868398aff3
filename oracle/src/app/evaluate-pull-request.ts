// One pull_request evaluation: nonce, files, rules, suppression, decision, FP events, metrics.
import { performance } from 'node:perf_hooks';
import type { ChangedFile, EvaluationResponse } from '../contract.js';
import { decide } from '../evaluation/decision.js';
import { runRules } from '../evaluation/engine.js';
import { errorName } from '../../../actions/lib/src/errors.js';
import { pullRequestFacts } from '../facts/pull-request-facts.js';
import { FilesUnavailableError } from '../github/pull-request-files.js';
import type { PullRequestRequest } from '../validate/pull-request.js';
import { degradationOf } from './degraded-files.js';
import type { OracleDependencies, RequestScope } from './dependencies.js';
import { applySuppression, defaultDeliveryId, recordFpEvents } from './fp-events.js';
import { emitEvaluationMetrics } from './evaluation-metrics.js';
import { nonceKeys } from './nonce-keys.js';
import { addWorkflowFacts } from './workflow-facts.js';

async function changedFiles(
  request: PullRequestRequest,
  deps: OracleDependencies,
  scope: RequestScope,
): Promise<{ files: ChangedFile[]; degraded: boolean }> {
  if (request.files) return { files: request.files, degraded: false };
  try {
    const files = await deps.listFiles({
      repository: request.payload.repository,
      number: request.payload.number,
    });
    return { files, degraded: false };
  } catch (error) {
    const reason = error instanceof FilesUnavailableError ? error.message : errorName(error);
    scope.log.warn('files unavailable; evaluating the payload only', { reason });
    return { files: [], degraded: true };
  }
}

export async function evaluatePullRequest(
  request: PullRequestRequest,
  deps: OracleDependencies,
  scope: RequestScope,
): Promise<EvaluationResponse> {
  const started = performance.now();
  const keys = await nonceKeys(deps, scope);
  const { files, degraded: filesUnavailable } = await changedFiles(request, deps, scope);
  const facts = pullRequestFacts(request.payload, files);
  const degradation = degradationOf(filesUnavailable, await addWorkflowFacts(facts, deps, scope));
  const degraded = degradation !== undefined;
  const result = runRules(deps.rules, facts, request.mode, {
    current: keys.current.key,
    previous: keys.accepted.slice(1).map((k) => k.key),
  });
  for (const failure of result.failures)
    scope.log.error('rule threw; reported as a critical violation', { ...failure });
  await applySuppression(result, deps, scope);
  const decision = decide({
    violations: result.violations,
    mode: request.mode,
    dryRun: request.dryRun,
    degraded,
  });
  const fpEventsRecorded = await recordFpEvents(
    {
      violations: result.violations,
      payload: request.payload,
      deliveryId: request.deliveryId ?? defaultDeliveryId(request.payload),
      decision,
      mode: request.mode,
      keys: keys.accepted,
    },
    deps,
    scope,
  );
  const durationMs = Math.round((performance.now() - started) * 100) / 100;

  const counted = result.violations.filter((v) => !v.suppressed);
  emitEvaluationMetrics(deps.metrics, {
    counted,
    decision,
    degraded,
    fpEventsRecorded,
    durationMs,
    coldStart: scope.coldStart,
    placeholders: result.placeholders,
  });
  scope.log.info('evaluated', {
    decision,
    violations: result.violations.length,
    suppressed: result.violations.length - counted.length,
    suppressedPlaceholders: [...result.placeholders.values()].reduce((sum, n) => sum + n, 0),
    rulesEvaluated: result.rulesEvaluated,
    files: files.length,
    mode: request.mode,
    dryRun: request.dryRun,
    degraded,
    fpEventsRecorded,
    durationMs,
  });

  const response: EvaluationResponse = {
    statusCode: 200,
    decision,
    violations: result.violations,
    rulesEvaluated: result.rulesEvaluated,
    requestId: scope.requestId,
    durationMs,
  };
  if (degradation) response.degraded = degradation;
  return response;
}
