// Builds the terraform stand-in into plain JavaScript once per npm start: each subcommand then
// starts without compiling TypeScript (half the time per call on this kind of machine), and
// loads only the chunk it needs (show and init load no AWS SDK).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

/** The variable that points the `terraform` script at the built entry. */
export const BUNDLE_VARIABLE = 'LOCAL_STAGING_TERRAFORM_CLI';

/** Builds into `dir`; returns the entry to run with node. */
export async function buildTerraformCli(dir: string): Promise<string> {
  // Chunk names change with the sources: an earlier run's would pile up.
  rmSync(dir, { recursive: true, force: true });
  await build({
    entryPoints: { terraform: join(import.meta.dirname, 'main.ts') },
    outdir: dir,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    outExtension: { '.js': '.mjs' },
    // The AWS SDK's CommonJS parts call require().
    banner: {
      js: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
    },
    logLevel: 'warning',
  });
  return join(dir, 'terraform.mjs');
}
