import type { StackProvisioning } from '../provisioning.js';

/** "2 tables, 3 parameters, …" for the progress and summary lines. */
export function describeProvisioning(provisioning: StackProvisioning, roles: number): string {
  const count = (n: number | undefined, word: string) => `${n ?? 0} ${word}${n === 1 ? '' : 's'}`;
  const aliases = provisioning.functions?.flatMap((f) => f.aliases ?? []).map((a) => a.name) ?? [];
  return [
    count(provisioning.tables?.length, 'table'),
    count(provisioning.parameters?.length, 'parameter'),
    `${count(provisioning.functions?.length, 'function')}${aliases.length ? ` (alias ${aliases.join(', ')})` : ''}`,
    count(provisioning.alarms?.length, 'alarm'),
    count(provisioning.dashboards?.length, 'dashboard'),
    count(provisioning.topics?.length, 'topic'),
    count(provisioning.queues?.length, 'queue'),
    count(provisioning.budgets?.length, 'budget'),
    count(roles, 'role'),
    provisioning.httpApi ? `HTTP API (${provisioning.httpApi.routes.join(', ')})` : 'no HTTP API',
  ].join(', ');
}
