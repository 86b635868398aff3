import type { Rule } from './rule.js';

const GOVERNANCE_PATH = /^(?:\.github\/|infra\/)|(^|\/)CODEOWNERS$/;
const INSIDERS = new Set(['OWNER', 'MEMBER', 'COLLABORATOR']);

export const md007GovernanceChangeByOutsider: Rule = {
  id: 'MD-007',
  version: '1.0.0',
  severity: 'high',
  rationale:
    'Workflows, ownership and infrastructure decide who can change what; a change to them from ' +
    'outside the organisation needs an owner to take it over.',
  evaluate(facts) {
    if (INSIDERS.has(facts.authorAssociation ?? '')) return [];
    const changed = facts.files.filter((file) => GOVERNANCE_PATH.test(file.path));
    const first = changed[0];
    if (!first) return [];
    return [
      {
        message: `${changed.length} governance file(s) change (first: ${first.path}) by an author whose association is ${facts.authorAssociation ?? 'unknown'}; only OWNER, MEMBER or COLLABORATOR may change them.`,
        path: first.path,
        content: `pr:${facts.number}`,
        line: 0,
        snippet: first.path,
      },
    ];
  },
};
