// An ESLint rule: no import cycle among our own files, type-only imports included.
// import-x/no-cycle skips type-only imports, but a cycle of declarations is still two files that
// each need the other, which is what this rule exists to stop. Relative specifiers are resolved as
// TypeScript does for our sources ('./x.js' is './x.ts'); packages are not followed.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import ts from 'typescript';

const SOURCE = /\.(ts|mts|js|mjs)$/;

/** @param {string} file @returns {boolean} */
const isFile = (file) => existsSync(file) && statSync(file).isFile();

/** The file a relative specifier names, or undefined for a package or a file we do not read. */
function resolveSpecifier(/** @type {string} */ from, /** @type {string} */ specifier) {
  if (!specifier.startsWith('.')) return undefined;
  const path = resolve(dirname(from), specifier);
  const candidates = [
    path,
    path.replace(/\.js$/, '.ts'),
    path.replace(/\.mjs$/, '.mts'),
    `${path}.ts`,
  ];
  return candidates.find((candidate) => SOURCE.test(candidate) && isFile(candidate));
}

/** @type {Map<string, string[]>} */
const importsByFile = new Map();

/** Our files that a file imports, from its text on disk (or the text being linted). */
function importsOf(/** @type {string} */ file, /** @type {string | undefined} */ text) {
  const known = text === undefined ? importsByFile.get(file) : undefined;
  if (known) return known;
  const source = text ?? readFileSync(file, 'utf8');
  const specifiers = ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
  const files = specifiers.flatMap((specifier) => resolveSpecifier(file, specifier) ?? []);
  importsByFile.set(file, files);
  return files;
}

/** The shortest import path from `start` back to `target`, or undefined when there is none. */
function pathBack(/** @type {string} */ start, /** @type {string} */ target) {
  /** @type {Map<string, string | null>} */
  const cameFrom = new Map([[start, null]]);
  const queue = [start];
  while (queue.length > 0) {
    const file = /** @type {string} */ (queue.shift());
    for (const next of importsOf(file, undefined)) {
      if (next === target) {
        const route = [file];
        for (let at = cameFrom.get(file); at; at = cameFrom.get(at)) route.unshift(at);
        return route;
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, file);
        queue.push(next);
      }
    }
  }
  return undefined;
}

/** @type {import('eslint').Rule.RuleModule} */
export const noImportCycle = {
  meta: {
    type: 'problem',
    docs: { description: 'Forbid import cycles among our files, type-only imports included.' },
    schema: [],
    messages: {
      cycle:
        'Import cycle: {{route}}. Move the shared declarations into a file both can import (or into the file that owns them) so that imports go one way.',
    },
  },
  create(context) {
    const file = context.physicalFilename;
    const root = context.cwd;
    importsOf(file, context.sourceCode.text);
    /** @param {any} node */
    function check(node) {
      const specifier = node.source?.value;
      if (typeof specifier !== 'string') return;
      const target = resolveSpecifier(file, specifier);
      if (!target || target === file) return;
      const route = pathBack(target, file);
      if (!route) return;
      const names = [file, ...route, file].map((f) => relative(root, f));
      context.report({ node, messageId: 'cycle', data: { route: names.join(' → ') } });
    }
    return {
      ImportDeclaration: check,
      ExportNamedDeclaration: check,
      ExportAllDeclaration: check,
      ImportExpression: check,
    };
  },
};
