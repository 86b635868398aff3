// Measures MD-001 (through the built Lambda handler, dist/oracle) beside secretlint's rules for
// the same families, on three corpora: ours (oracle/test/fixtures/secrets), secretlint's rule
// fixtures and gitleaks's rule examples (read from checkouts, never copied into this repository).
//
//   npm install --prefix /tmp/secretlint @secretlint/core@13 @secretlint/secretlint-rule-github@13 \
//     @secretlint/secretlint-rule-slack@13 @secretlint/secretlint-rule-aws@13 \
//     @secretlint/secretlint-rule-privatekey@13
//   npx tsx scripts/compare-secret-scanners.mjs --secretlint-modules /tmp/secretlint/node_modules \
//     --secretlint <secretlint checkout> --gitleaks <gitleaks checkout> [--json out.json]
//
// A case counts as found when the scanner reports anything in it; a negative counts as a false
// positive when it does. gitleaks examples built with fmt.Sprintf are skipped (counted).
import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { oracleNames } from '../oracle/src/contract.ts';
import { createTables, startDynamoDb } from '../test-harness/oracle-edge/src/dynamodb.ts';
import { oracleEnv } from '../test-harness/oracle-edge/src/env.ts';
import { addedFile, pullRequestPayload } from '../oracle/test/support/events.ts';
import { FakeSsm } from '../test-harness/oracle-edge/src/fake-ssm.ts';

const { values: args } = parseArgs({
  options: {
    'secretlint-modules': { type: 'string' },
    secretlint: { type: 'string' },
    gitleaks: { type: 'string' },
    json: { type: 'string' },
  },
});
for (const name of ['secretlint-modules', 'secretlint', 'gitleaks'])
  if (!args[name]) throw new Error(`--${name} <path> is required (see the comment at the top)`);

const FAMILIES = ['github', 'slack', 'aws', 'private-key'];

// ---------- corpora ----------

function ours() {
  return FAMILIES.flatMap((family) =>
    JSON.parse(readFileSync(`oracle/test/fixtures/secrets/${family}.json`, 'utf8')).map((c) => ({
      source: 'ours',
      family,
      positive: c.expect === 'secret',
      name: c.kind ?? c.why,
      text: c.lines.join('\n'),
    })),
  );
}

function secretlintFixtures() {
  const rules = { github: 'github', slack: 'slack', aws: 'aws', 'private-key': 'privatekey' };
  return Object.entries(rules).flatMap(([family, rule]) => {
    const root = join(
      args.secretlint,
      `packages/@secretlint/secretlint-rule-${rule}/test/snapshots`,
    );
    return readdirSync(root).flatMap((name) => {
      const dir = join(root, name);
      // A snapshot with its own .secretlintrc.json tests one of secretlint's options (allow
      // lists, the opt-in AWS id scan), not its default detection.
      if (readdirSync(dir).includes('.secretlintrc.json')) return [];
      const input = readdirSync(dir).find((f) => f.startsWith('input'));
      const output = JSON.parse(readFileSync(join(dir, 'output.json'), 'utf8'));
      return [
        {
          source: 'secretlint',
          family,
          positive: output.messages.length > 0,
          name,
          text: readFileSync(join(dir, input), 'utf8'),
        },
      ];
    });
  });
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const pick = (alphabet, n) =>
  [...randomBytes(n)].map((b) => alphabet[b % alphabet.length]).join('');
const GENERATORS = {
  AlphaNumeric: (n) => pick(ALNUM, n),
  Numeric: (n) => pick('0123456789', n),
  Hex: (n) => pick('0123456789abcdef', n),
};

/** A Go expression of string literals and secrets.NewSecret(...) calls joined with `+`. */
function goString(expression) {
  if (expression.includes('fmt.Sprintf')) return undefined;
  let out = '';
  for (const part of expression.split(/\s*\+\s*/)) {
    const literal = /^(?:`([^`]*)`|"((?:[^"\\]|\\.)*)")$/.exec(part.trim());
    if (literal) {
      out += literal[1] ?? JSON.parse(`"${literal[2]}"`);
      continue;
    }
    const generated = /secrets\.NewSecret\(utils\.(\w+)\("(\d+)"\)\)/.exec(part);
    if (generated && GENERATORS[generated[1]]) {
      out += GENERATORS[generated[1]](Number(generated[2]));
      continue;
    }
    const charClass = /secrets\.NewSecret\("\[A-Z2-7\]\{(\d+)\}"\)/.exec(part);
    if (charClass) {
      out += pick('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', Number(charClass[1]));
      continue;
    }
    return undefined;
  }
  return out;
}

/** Splits the top-level comma-separated arguments of a Go call or composite literal. */
function goArguments(body) {
  const items = [];
  let depth = 0;
  let quote = '';
  let current = '';
  for (let i = 0; i < body.length; i += 1) {
    const ch = body[i];
    if (quote) {
      current += ch;
      if (ch === '\\' && quote === '"') current += body[++i];
      else if (ch === quote) quote = '';
      continue;
    }
    if (ch === '"' || ch === '`') quote = ch;
    else if ('([{'.includes(ch)) depth += 1;
    else if (')]}'.includes(ch)) depth -= 1;
    else if (ch === '/' && body[i + 1] === '/') {
      i = body.indexOf('\n', i) - 1;
      continue;
    } else if (ch === ',' && depth === 0) {
      items.push(current.trim());
      current = '';
      continue;
    }
    current += ch;
  }
  if (current.trim()) items.push(current.trim());
  return items;
}

/** The text between the bracket at `open` and its match. */
function bracketed(text, open) {
  const close = { '(': ')', '{': '}' }[text[open]];
  let depth = 0;
  let quote = '';
  for (let i = open; i < text.length; i += 1) {
    const ch = text[i];
    if (quote) {
      if (ch === '\\' && quote === '"') i += 1;
      else if (ch === quote) quote = '';
    } else if (ch === '/' && text[i + 1] === '/') i = text.indexOf('\n', i);
    else if (ch === '"' || ch === '`') quote = ch;
    else if (ch === text[open]) depth += 1;
    else if (ch === close && --depth === 0) return text.slice(open + 1, i);
  }
  throw new Error('unbalanced Go source');
}

function gitleaksExamples() {
  const files = { github: 'github', slack: 'slack', aws: 'aws', 'private-key': 'privatekey' };
  const cases = [];
  let skipped = 0;
  for (const [family, file] of Object.entries(files)) {
    const source = readFileSync(
      join(args.gitleaks, `cmd/generate/config/rules/${file}.go`),
      'utf8',
    );
    for (const fn of source.split(/\nfunc /).slice(1)) {
      const name = fn.slice(0, fn.indexOf('('));
      if (family === 'aws' && name !== 'AWS') continue; // Bedrock keys: not a format MD-001 claims
      if (family === 'private-key' && name !== 'PrivateKey') continue; // PKCS#12 is a file path rule
      const add = (positive, expression) => {
        const text = goString(expression);
        if (text === undefined) skipped += 1;
        else cases.push({ source: 'gitleaks', family, positive, name, text });
      };
      for (const m of fn.matchAll(/utils\.GenerateSampleSecrets?\(/g))
        add(true, goArguments(bracketed(fn, m.index + m[0].length - 1))[1]);
      for (const m of fn.matchAll(/tps = append\(tps,/g))
        for (const arg of goArguments(bracketed(fn, m.index + m[0].indexOf('('))).slice(1))
          if (!arg.startsWith('utils.')) add(true, arg);
      for (const m of fn.matchAll(/tps := \[\]string\{/g))
        for (const arg of goArguments(bracketed(fn, m.index + m[0].length - 1))) add(true, arg);
      for (const m of fn.matchAll(/fps := \[\]string\{/g))
        for (const arg of goArguments(bracketed(fn, m.index + m[0].length - 1))) add(false, arg);
    }
  }
  return { cases, skipped };
}

// ---------- scanners ----------

/** MD-001 as deployed: the built bundle's handler, SSM and DynamoDB on loopback. */
async function oracleScanner() {
  const names = oracleNames('staging');
  const dynamo = await startDynamoDb();
  await createTables(dynamo.client, { fpEvents: names.fpEventsTable, consent: names.consentTable });
  const ssm = new FakeSsm();
  ssm.put(names.nonceParameter, randomBytes(32).toString('hex'));
  ssm.put(names.githubTokenParameter, 'unused');
  ssm.put(names.webhookSecretParameter, 'unused');
  const ssmServer = await ssm.listen();
  Object.assign(
    process.env,
    oracleEnv(dynamo.endpoint, { AWS_ENDPOINT_URL_SSM: ssmServer.endpoint }),
  );
  const { handler } = await import(pathToFileURL(resolve('dist/oracle/index.js')).href);
  const scan = async (text) => {
    const write = process.stdout.write;
    process.stdout.write = () => true; // the handler's log and EMF lines
    try {
      const response = await handler({
        event: 'pull_request',
        payload: pullRequestPayload(),
        files: [addedFile('case.txt', text.split('\n'))],
      });
      return response.violations.some((v) => v.ruleId === 'MD-001');
    } finally {
      process.stdout.write = write;
    }
  };
  const close = async () => {
    await ssmServer.close();
    await dynamo.close();
  };
  return { scan, close };
}

/** secretlint's own rule packages for the same families, through its core. */
async function secretlintScanner() {
  const load = (name) =>
    import(pathToFileURL(join(args['secretlint-modules'], name, 'module/index.js')).href);
  const { lintSource } = await load('@secretlint/core');
  const rules = await Promise.all(
    ['github', 'slack', 'aws', 'privatekey'].map(async (rule) => ({
      id: `@secretlint/secretlint-rule-${rule}`,
      rule: (await load(`@secretlint/secretlint-rule-${rule}`)).creator,
    })),
  );
  return async (text) => {
    const result = await lintSource({
      source: { filePath: '/case.txt', content: text, contentType: 'text' },
      options: { config: { rules } },
    });
    return result.messages.length > 0;
  };
}

// ---------- run ----------

const { cases: gitleaksCases, skipped } = gitleaksExamples();
const cases = [...ours(), ...secretlintFixtures(), ...gitleaksCases];
const oracle = await oracleScanner();
const secretlint = await secretlintScanner();
for (const c of cases) {
  c.oracle = await oracle.scan(c.text);
  c.secretlint = await secretlint(c.text);
}
await oracle.close();

const rows = [];
for (const source of ['ours', 'secretlint', 'gitleaks'])
  for (const family of FAMILIES) {
    const group = cases.filter((c) => c.source === source && c.family === family);
    const positives = group.filter((c) => c.positive);
    const negatives = group.filter((c) => !c.positive);
    const count = (list, scanner) => list.filter((c) => c[scanner]).length;
    rows.push({
      source,
      family,
      positives: positives.length,
      oracleFound: count(positives, 'oracle'),
      secretlintFound: count(positives, 'secretlint'),
      negatives: negatives.length,
      oracleFalsePositives: count(negatives, 'oracle'),
      secretlintFalsePositives: count(negatives, 'secretlint'),
    });
  }
console.log(
  'source      family        recall MD-001  secretlint   false positives MD-001  secretlint',
);
for (const r of rows)
  console.log(
    `${r.source.padEnd(11)} ${r.family.padEnd(12)} ${`${r.oracleFound}/${r.positives}`.padStart(8)} ${`${r.secretlintFound}/${r.positives}`.padStart(11)}   ${`${r.oracleFalsePositives}/${r.negatives}`.padStart(14)} ${`${r.secretlintFalsePositives}/${r.negatives}`.padStart(11)}`,
  );
console.log(`gitleaks examples skipped (built with fmt.Sprintf): ${skipped}`);
const differences = cases.filter((c) => c.oracle !== c.positive || c.secretlint !== c.positive);
console.log('\ncases either scanner gets wrong (expected: positive = should be reported):');
for (const c of differences)
  console.log(
    `  ${c.source}/${c.family} ${c.name}: positive=${c.positive} MD-001=${c.oracle} secretlint=${c.secretlint}  ${JSON.stringify(c.text.slice(0, 90))}`,
  );
if (args.json) writeFileSync(args.json, `${JSON.stringify({ rows, skipped }, null, 2)}\n`);
process.exit(0);
