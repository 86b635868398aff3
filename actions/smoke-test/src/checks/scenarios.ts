// Invoke scenarios and what each must answer: three built in (a realistic pull request, one that
// plants a fake secret, a malformed event) plus any from the `scenarios` file.
import { readFileSync } from 'node:fs';
import type { Decision, ErrorCode } from '../../../../oracle/src/contract.js';
import { ConfigurationError, errorMessage } from '../../../lib/src/errors.js';
import { pullRequestPayload, README_CHANGE } from './pull-request-event.js';

export interface ScenarioExpectation {
  statusCode: number;
  decision?: Decision;
  errorCode?: ErrorCode;
  /** Rules that must report a violation. */
  ruleIds?: string[];
  /** The violations of `ruleIds` must carry evidence (redacted, when it is a secret). */
  evidence?: boolean;
}

export interface Scenario {
  name: string;
  /** The direct-invoke event. */
  event: unknown;
  expect: ScenarioExpectation;
  /** Values that must appear neither in the response nor in the log tail. */
  mustNotLeak?: string[];
}

/** A GitHub token-shaped value no one issued: GitHub's format, random characters. */
export function fakeGitHubToken(random: (size: number) => Buffer): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const body = [...random(36)].map((byte) => alphabet[byte % alphabet.length]).join('');
  return `ghp_${body}`;
}

export function builtInScenarios(plantedSecret: string): Scenario[] {
  return [
    {
      name: 'pull-request',
      event: { event: 'pull_request', payload: pullRequestPayload(), files: [README_CHANGE] },
      expect: { statusCode: 200 },
    },
    {
      name: 'planted-secret',
      event: {
        event: 'pull_request',
        payload: pullRequestPayload(),
        files: [
          {
            filename: 'deploy/settings.env',
            status: 'added',
            patch: `@@ -0,0 +1,2 @@\n+REGION=us-east-1\n+GITHUB_TOKEN=${plantedSecret}`,
          },
        ],
      },
      expect: { statusCode: 200, decision: 'block', ruleIds: ['MD-001'], evidence: true },
      mustNotLeak: [plantedSecret],
    },
    {
      name: 'malformed-event',
      event: { event: 'pull_request', payload: { action: 'opened', number: 'two' } },
      expect: { statusCode: 400, errorCode: 'INVALID_EVENT' },
    },
  ];
}

function scenarioFromJson(value: unknown, index: number, file: string): Scenario {
  const where = `${file} [${index}]`;
  if (typeof value !== 'object' || value === null) {
    throw new ConfigurationError(`${where} is not an object with name, event and expect.`);
  }
  const item = value as Record<string, unknown>;
  const expect = item.expect as Record<string, unknown> | undefined;
  if (typeof item.name !== 'string' || !/^[\w.-]{1,64}$/.test(item.name)) {
    throw new ConfigurationError(
      `${where}.name must be 1-64 letters, digits, '.', '_' or '-', got ${JSON.stringify(item.name)}.`,
    );
  }
  if (item.event === undefined) throw new ConfigurationError(`${where}.event is missing.`);
  if (typeof expect !== 'object' || expect === null || typeof expect.statusCode !== 'number') {
    throw new ConfigurationError(
      `${where}.expect must be an object with a numeric statusCode, e.g. { "statusCode": 200, "decision": "pass" }.`,
    );
  }
  const ruleIds = expect.ruleIds;
  if (
    ruleIds !== undefined &&
    !(Array.isArray(ruleIds) && ruleIds.every((r) => typeof r === 'string'))
  ) {
    throw new ConfigurationError(
      `${where}.expect.ruleIds must be a list of rule ids such as MD-001.`,
    );
  }
  return {
    name: `file-${item.name}`,
    event: item.event,
    expect: {
      statusCode: expect.statusCode,
      decision: expect.decision as Decision | undefined,
      errorCode: expect.errorCode as ErrorCode | undefined,
      ruleIds: ruleIds as string[] | undefined,
    },
  };
}

/** The scenarios of a JSON file: `[{ "name", "event", "expect": { "statusCode", ... } }]`. */
export function readScenarioFile(file: string): Scenario[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigurationError(
      `Input 'scenarios' names ${file}, which could not be read as JSON: ${errorMessage(error)}`,
    );
  }
  if (!Array.isArray(parsed)) {
    throw new ConfigurationError(
      `Input 'scenarios' names ${file}, which must hold a JSON array of scenarios.`,
    );
  }
  return parsed.map((item, index) => scenarioFromJson(item, index, file));
}
