// Service-level objectives as the `slos` input writes them, one a line, k6-like:
//   oracle.p95 < 1000ms   cold_start.max < 3s   errors.rate < 1%   throttles.count == 0
// Scenarios: oracle (direct invokes), cold_start, dynamodb (the Oracle's reads per evaluation),
// api (signed POST /webhook deliveries), health (GET /health).
import { ConfigurationError } from '../../../lib/src/errors.js';
import type { Outcome } from '../sample.js';
import { LATENCY_SCENARIOS, type LatencyScenario } from '../scenarios.js';

export const COUNTED_OUTCOMES = ['errors', 'throttles'] as const;
export type CountedOutcome = (typeof COUNTED_OUTCOMES)[number];
/** The sample outcomes each counted subject counts: a timeout is an error. */
export const OUTCOMES_OF: Record<CountedOutcome, readonly Outcome[]> = {
  errors: ['error', 'timeout'],
  throttles: ['throttle'],
};

export type Operator = '<' | '<=' | '>' | '>=' | '==';

export type SloStatistic =
  { kind: 'percentile'; p: number } | { kind: 'min' | 'max' | 'avg' } | { kind: 'rate' | 'count' };

export interface Slo {
  /** The line as written, for messages. */
  text: string;
  /** A name usable as a step output: oracle_p95, cold_start_max, errors_rate. */
  id: string;
  subject: LatencyScenario | CountedOutcome;
  statistic: SloStatistic;
  operator: Operator;
  /** Milliseconds for latency, percent for rates, a number for counts. */
  threshold: number;
  unit: 'ms' | '%' | '';
}

const LINE = /^([a-z_]+)\.([a-z0-9.]+)\s*(<=|>=|==|<|>)\s*(\d+(?:\.\d+)?)\s*(ms|s|%)?$/;
const EXAMPLES = 'oracle.p95 < 1000ms, cold_start.max < 3s, errors.rate < 1%, throttles.count == 0';

function fail(line: string, why: string): never {
  throw new ConfigurationError(
    `Input 'slos' line '${line}' is not a valid SLO: ${why}. Write one per line as <metric>.<statistic> <operator> <value>, e.g. ${EXAMPLES}.`,
  );
}

function latencyStatistic(line: string, word: string): SloStatistic {
  if (word === 'min' || word === 'max' || word === 'avg') return { kind: word };
  if (word === 'med') return { kind: 'percentile', p: 50 };
  const match = /^p(\d{1,2}(?:\.\d+)?|100)$/.exec(word);
  if (!match)
    fail(line, `'${word}' is not a latency statistic (p50, p95, p99, p99.9, min, max, avg, med)`);
  return { kind: 'percentile', p: Number(match[1]) };
}

/** A latency threshold in milliseconds; the unit is required so 3 never means 3 s by accident. */
function milliseconds(line: string, value: number, unit: string | undefined): number {
  if (unit === 'ms') return value;
  if (unit === 's') return value * 1000;
  fail(line, 'a latency threshold needs a unit, ms or s');
}

/** An estimate with a confidence interval can be shown below or above a value, never equal to it. */
function refuseEquality(line: string, operator: Operator, statistic: SloStatistic): void {
  const estimated =
    statistic.kind === 'avg' ||
    statistic.kind === 'rate' ||
    (statistic.kind === 'percentile' && statistic.p > 0 && statistic.p < 100);
  if (operator === '==' && estimated) {
    fail(
      line,
      "'==' cannot be shown by an estimate (it comes with a confidence interval); use <, <=, > or >=, or a count (errors.count == 0) or max/min",
    );
  }
}

export function parseSlo(line: string): Slo {
  const match = LINE.exec(line);
  if (!match) fail(line, 'it does not read <metric>.<statistic> <operator> <value>');
  const [, subject, word, operator, number, unit] = match as unknown as [
    string,
    string,
    string,
    Operator,
    string,
    string | undefined,
  ];
  const value = Number(number);
  const base = { text: line, operator };
  if ((LATENCY_SCENARIOS as readonly string[]).includes(subject)) {
    const statistic = latencyStatistic(line, word);
    refuseEquality(line, operator, statistic);
    return {
      ...base,
      id: `${subject}_${word.replace('.', '_')}`,
      subject: subject as LatencyScenario,
      statistic,
      threshold: milliseconds(line, value, unit),
      unit: 'ms',
    };
  }
  if ((COUNTED_OUTCOMES as readonly string[]).includes(subject)) {
    if (word === 'rate') {
      if (unit !== '%')
        fail(line, 'a rate is a percentage; write it with %, e.g. errors.rate < 1%');
      if (value > 100) fail(line, 'a rate cannot exceed 100%');
      refuseEquality(line, operator, { kind: 'rate' });
      return {
        ...base,
        id: `${subject}_rate`,
        subject: subject as CountedOutcome,
        statistic: { kind: 'rate' },
        threshold: value,
        unit: '%',
      };
    }
    if (word === 'count') {
      if (unit !== undefined) fail(line, 'a count has no unit');
      return {
        ...base,
        id: `${subject}_count`,
        subject: subject as CountedOutcome,
        statistic: { kind: 'count' },
        threshold: value,
        unit: '',
      };
    }
    fail(line, `'${subject}' supports the statistics rate and count, not '${word}'`);
  }
  fail(
    line,
    `unknown metric '${subject}'; expected one of ${[...LATENCY_SCENARIOS, ...COUNTED_OUTCOMES].join(', ')}`,
  );
}

/** Every non-empty line that is not a # comment, each parsed; duplicate ids are refused. */
export function parseSlos(text: string): Slo[] {
  const slos = text
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter((line) => line.length > 0)
    .map(parseSlo);
  const seen = new Set<string>();
  for (const slo of slos) {
    if (seen.has(slo.id)) {
      throw new ConfigurationError(
        `Input 'slos' sets ${slo.id} twice ('${slo.text}'); keep one line per metric and statistic.`,
      );
    }
    seen.add(slo.id);
  }
  return slos;
}

/** Whether the measured value meets the objective. */
export function meets(slo: Pick<Slo, 'operator' | 'threshold'>, measured: number): boolean {
  switch (slo.operator) {
    case '<':
      return measured < slo.threshold;
    case '<=':
      return measured <= slo.threshold;
    case '>':
      return measured > slo.threshold;
    case '>=':
      return measured >= slo.threshold;
    case '==':
      return measured === slo.threshold;
  }
}
