// The latency scenarios a run can measure: oracle (direct invokes), cold_start, dynamodb (the
// Oracle's reads per evaluation), api (signed POST /webhook deliveries), health (GET /health).
export const LATENCY_SCENARIOS = ['oracle', 'cold_start', 'dynamodb', 'api', 'health'] as const;
export type LatencyScenario = (typeof LATENCY_SCENARIOS)[number];
