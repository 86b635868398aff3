// Which changed files are GitHub Actions workflows or action metadata.

export function isWorkflowFile(path: string): boolean {
  return /^\.github\/workflows\/[^/]+\.ya?ml$/.test(path);
}

export function isActionMetadata(path: string): boolean {
  return /(^|\/)action\.ya?ml$/.test(path);
}
