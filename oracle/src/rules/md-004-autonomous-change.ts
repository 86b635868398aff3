import type { PullRequestFacts } from '../facts/pull-request-facts.js';
import type { Rule } from './rule.js';

/** Branch prefixes agents and bots push to; matched as a whole first path segment. */
const AUTONOMOUS_BRANCH_PREFIXES = new Set(['auto', 'agent', 'bot']);

function isBot(login: string | undefined, type: string | undefined): boolean {
  return type === 'Bot' || (login ?? '').toLowerCase().endsWith('[bot]');
}

/** What makes the change autonomous, or undefined when a human authored it on a normal branch. */
function autonomySignal(facts: PullRequestFacts): string | undefined {
  if (isBot(facts.author.login, facts.author.type)) {
    return facts.author.login ? `its author ${facts.author.login} is a bot` : 'its author is a bot';
  }
  const segments = (facts.headRef ?? '').split('/');
  if (segments.length > 1 && AUTONOMOUS_BRANCH_PREFIXES.has(segments[0]!)) {
    return `its head branch is under \`${segments[0]}/\``;
  }
  return undefined;
}

function hasHumanReviewer(facts: PullRequestFacts): boolean {
  return facts.requestedTeams > 0 || facts.requestedReviewers.some((r) => !isBot(r.login, r.type));
}

export const md004AutonomousChange: Rule = {
  id: 'MD-004',
  version: '1.0.0',
  severity: 'medium',
  rationale:
    'Changes made by bots and agents need a named human who is accountable for merging them.',
  evaluate(facts) {
    const signal = autonomySignal(facts);
    if (!signal || hasHumanReviewer(facts)) return [];
    return [
      {
        message: `The pull request is an autonomous change (${signal}) and no human reviewer is requested; request one.`,
        path: '',
        content: `pr:${facts.number}`,
      },
    ];
  },
};
