// The entry of local staging's terraform stand-in (see ./terraform): one subcommand per file,
// errors printed as Terraform prints them ("Error: …" on stderr, exit code 1).
import { UsageError } from './arguments.js';

const write = (text: string) => process.stdout.write(text);

async function run(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'init':
      return (await import('./init.js')).initCommand(args, process.env, write);
    case 'validate':
      return (await import('./validate.js')).validateCommand(args, write);
    case 'plan':
      return (await import('./plan-command.js')).planCommand(args, process.env, write);
    case 'show':
      return (await import('./show.js')).showCommand(args, write);
    case 'version':
    case '-version':
    case '--version':
      return (await import('./version.js')).versionCommand(args, write);
    default:
      throw new UsageError(
        `local staging's terraform stand-in answers fmt (the real terraform's), init, validate, plan, show -json and version; not ${JSON.stringify(command ?? '')}. Apply runs in npm start itself.`,
      );
  }
}

run(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`\nError: ${message}\n`);
    process.exitCode = 1;
  },
);
