import type { Rule } from './rule.js';

export const md005MissingAuditTrail: Rule = {
  id: 'MD-005',
  version: '1.0.0',
  severity: 'medium',
  rationale:
    'Who changed what and why must be answerable later: a change without an author, a head ' +
    'commit or a description cannot be audited. Strict mode treats that as critical.',
  evaluate(facts, context) {
    const missing = [
      !facts.author.login?.trim() && 'author login',
      !facts.headSha?.trim() && 'head SHA',
      !facts.body?.trim() && 'description (PR body)',
    ].filter((item): item is string => typeof item === 'string');
    if (missing.length === 0) return [];
    return [
      {
        message: `The pull request has no ${missing.join(', no ')}; an auditable change needs all three.`,
        path: '',
        content: `pr:${facts.number}:missing:${missing.join(',')}`,
        severity: context.mode === 'strict' ? 'critical' : 'medium',
      },
    ];
  },
};
