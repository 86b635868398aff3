// Type-checks the benchmarks and scripts (plain JavaScript that imports our TypeScript) with
// tsconfig.scripts.json, so an import that moved, a renamed export or a wrong call fails CI.
// Implicit `any` is allowed in these files (they carry no type annotations); everything else is
// checked as strictly as the TypeScript sources.
import ts from 'typescript';

const IMPLICIT_ANY = new Set([7005, 7006, 7016, 7031, 7034, 7053]);

const host = { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => report([d]) };
const config = ts.getParsedCommandLineOfConfigFile('tsconfig.scripts.json', {}, host);
if (!config) process.exit(1);
const program = ts.createProgram(config.fileNames, config.options);
const diagnostics = ts
  .getPreEmitDiagnostics(program)
  .filter((d) => !(d.file && /\.m?js$/.test(d.file.fileName) && IMPLICIT_ANY.has(d.code)));

function report(list) {
  process.stderr.write(
    ts.formatDiagnosticsWithColorAndContext(list, {
      getCanonicalFileName: (name) => name,
      getCurrentDirectory: () => process.cwd(),
      getNewLine: () => '\n',
    }),
  );
  process.exit(1);
}

if (diagnostics.length > 0) report(diagnostics);
console.log(`type-checked ${config.fileNames.length} benchmark and script files`);
