// What a JavaScript action writes back to the runner, without @actions/core (whose import costs
// ~0.1 s at every start): outputs and the job summary through the file commands, annotations and
// log lines through workflow commands on stdout, and the failed status through the exit code.
import { appendFileSync, writeSync } from 'node:fs';

/** Where an annotation shows in the GitHub UI. */
export interface AnnotationProperties {
  title?: string;
  file?: string;
  line?: number;
}

export interface WorkflowOutput {
  info(message: string): void;
  notice(message: string): void;
  warning(message: string, properties?: AnnotationProperties): void;
  /** An error annotation that does not by itself fail the step. */
  error(message: string, properties?: AnnotationProperties): void;
  /** An error annotation and a non-zero exit code for the step. */
  setFailed(message: string): void;
  setOutput(name: string, value: string): void;
  /** Appends Markdown to this step's job summary (ignored outside a runner). */
  appendSummary(markdown: string): void;
  /** Registers a value the runner masks as *** in every later log line. Call before anything can print it. */
  setSecret(value: string): void;
  /** Sets a variable for this process and every later step of the job. */
  exportVariable(name: string, value: string): void;
  /** Saves a value for this action's post step (read there with getState). */
  saveState(name: string, value: string): void;
  /** A value the main step saved, in the post step; '' when none. */
  getState(name: string): string;
}

function escapeProperty(text: string): string {
  return escapeCommandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

function formatProperties(properties: AnnotationProperties | undefined): string {
  const entries = Object.entries(properties ?? {}).filter(
    ([, value]) => value !== undefined && value !== '',
  );
  return entries.length === 0
    ? ''
    : ` ${entries.map(([key, value]) => `${key}=${escapeProperty(String(value))}`).join(',')}`;
}

/** Escapes a workflow command's message as the runner expects. */
export function escapeCommandData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function appendKeyValue(
  env: NodeJS.ProcessEnv,
  variable: string,
  name: string,
  value: string,
): void {
  const file = env[variable];
  if (!file) {
    throw new Error(
      `Cannot write '${name}': ${variable} is not set (not running on an Actions runner).`,
    );
  }
  if (!/[\r\n]/.test(value)) {
    appendFileSync(file, `${name}=${value}\n`);
    return;
  }
  // Loaded only here: node:crypto adds ~5 ms to every start, and most values are one line.
  const { randomUUID } = process.getBuiltinModule('node:crypto');
  const delimiter = `ghadelimiter_${randomUUID()}`;
  appendFileSync(file, `${name}<<${delimiter}\n${value}\n${delimiter}\n`);
}

/**
 * Writes to fd 1 directly: creating process.stdout costs ~4 ms at start. A pipe made non-blocking
 * by someone else's use of process.stdout can refuse with EAGAIN; the stream takes the rest then.
 */
function writeStdout(text: string): void {
  const bytes = Buffer.from(text);
  let offset = 0;
  try {
    while (offset < bytes.length) offset += writeSync(1, bytes, offset);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    process.stdout.write(bytes.subarray(offset));
  }
}

export function workflowOutput(
  env: NodeJS.ProcessEnv = process.env,
  write: (text: string) => void = writeStdout,
): WorkflowOutput {
  const command = (name: string, message: string, properties?: AnnotationProperties) =>
    write(`::${name}${formatProperties(properties)}::${escapeCommandData(message)}\n`);
  return {
    info: (message) => write(`${message}\n`),
    notice: (message) => command('notice', message),
    warning: (message, properties) => command('warning', message, properties),
    error: (message, properties) => command('error', message, properties),
    setFailed(message) {
      command('error', message);
      process.exitCode = 1;
    },
    setOutput(name, value) {
      appendKeyValue(env, 'GITHUB_OUTPUT', name, value);
    },
    setSecret(value) {
      if (value !== '') command('add-mask', value);
    },
    exportVariable(name, value) {
      env[name] = value;
      appendKeyValue(env, 'GITHUB_ENV', name, value);
    },
    saveState(name, value) {
      appendKeyValue(env, 'GITHUB_STATE', name, value);
    },
    getState: (name) => env[`STATE_${name}`] ?? '',
    appendSummary(markdown) {
      const file = env.GITHUB_STEP_SUMMARY;
      if (file) appendFileSync(file, markdown.endsWith('\n') ? markdown : `${markdown}\n`);
    },
  };
}
