// Reads Terraform files with HashiCorp's own HCL parser (compiled to WASM in @cdktf/hcl2json).
// Expressions come back as "${…}" strings; literal objects and lists come back as JSON.
import { parse } from '@cdktf/hcl2json';
import { readFile, readdir } from 'node:fs/promises';
import { join, relative } from 'node:path';

/** The repository root, so every location in a finding is repository-relative. */
export const REPO_ROOT = join(import.meta.dirname, '..', '..', '..');

export type HclBody = Record<string, unknown>;

export interface HclFile {
  /** Repository-relative path, as findings print it. */
  path: string;
  text: string;
  body: HclBody;
}

/** A file HCL could not parse; the message starts with file:line:column. */
export class HclSyntaxError extends Error {
  override readonly name = 'HclSyntaxError';
}

const DIAGNOSTIC = /([^\s[\]]+):(\d+),(\d+)(?:-\d+(?:,\d+)?)?: ([^\]]+)/g;

/** Turns hcl2json's "parse config: [f.tf:2,7-3,1: Summary; detail]" into "f.tf:2:7: Summary; detail". */
export function formatParseError(raw: string): string {
  const located = [...raw.matchAll(DIAGNOSTIC)].map(
    ([, file, line, column, message]) => `${file}:${line}:${column}: ${message?.trim()}`,
  );
  return located.length > 0 ? located.join('\n') : raw;
}

export function repoPath(absolutePath: string): string {
  return relative(REPO_ROOT, absolutePath);
}

/** Parses one HCL file (.tf, .tfvars, .hcl); throws HclSyntaxError on a syntax error. */
export async function parseHclFile(absolutePath: string): Promise<HclFile> {
  const path = repoPath(absolutePath);
  const text = await readFile(absolutePath, 'utf8');
  return { path, text, body: await parseHclText(path, text) };
}

export async function parseHclText(path: string, text: string): Promise<HclBody> {
  try {
    return (await parse(path, text)) as HclBody;
  } catch (error) {
    throw new HclSyntaxError(
      formatParseError(error instanceof Error ? error.message : String(error)),
    );
  }
}

/** Files in a directory (not recursive) whose names end with one of the suffixes, sorted. */
export async function listFiles(directory: string, suffixes: readonly string[]): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && suffixes.some((suffix) => entry.name.endsWith(suffix)))
    .map((entry) => join(directory, entry.name))
    .sort();
}

/** Every HCL file under a directory, recursively (hidden folders such as .terraform skipped). */
export async function listHclFilesRecursively(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.(tf|tfvars|hcl)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter(
      (path) =>
        !relative(directory, path)
          .split('/')
          .some((part) => part.startsWith('.')),
    )
    .sort();
}
