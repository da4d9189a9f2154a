/**
 * `npm run typecheck` (second half): type-check the site — its TypeScript and every .astro component's frontmatter
 * and template — the way `astro check` does, without @astrojs/check (not installed): Astro's own compiler turns
 * each .astro file into TSX (`convertToTSX`), which the TypeScript compiler checks as `<file>.astro.tsx` beside
 * the original, under site/tsconfig.json. Client <script>s are left out (they are bundled and checked by Vite).
 *
 *   tsx site/check.ts
 */
import { convertToTSX } from '@astrojs/compiler';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';

const site = resolve(import.meta.dirname);

function astroFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? astroFiles(join(dir, e.name)) : e.name.endsWith('.astro') ? [join(dir, e.name)] : [],
  );
}

const virtual = new Map<string, string>([
  // The TSX refers to Astro's Fragment as a global (astro check declares it the same way).
  [join(site, 'src', '__astro-fragment.d.ts'), 'declare const Fragment: (props: Record<string, unknown>) => unknown;\n'],
]);
const components = astroFiles(join(site, 'src'));
for (const file of components) {
  const { code } = await convertToTSX(readFileSync(file, 'utf8'), { filename: file, includeScripts: false, includeStyles: false });
  virtual.set(`${file}.tsx`, code);
}

const config = ts.getParsedCommandLineOfConfigFile(join(site, 'tsconfig.json'), {}, {
  ...ts.sys,
  onUnRecoverableConfigFileDiagnostic: (d) => {
    throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  },
});
if (!config) throw new Error('site/tsconfig.json: cannot be read');
const options: ts.CompilerOptions = { ...config.options, noEmit: true, jsx: ts.JsxEmit.Preserve, jsxImportSource: 'astro', types: ['astro/client'] };
const host = ts.createCompilerHost(options);
const { fileExists, readFile, getSourceFile } = host;
host.fileExists = (f) => virtual.has(f) || fileExists.call(host, f);
host.readFile = (f) => virtual.get(f) ?? readFile.call(host, f);
host.getSourceFile = (f, lang, ...rest) => {
  const text = virtual.get(f);
  return text !== undefined ? ts.createSourceFile(f, text, lang, true, ts.ScriptKind.TSX) : getSourceFile.call(host, f, lang, ...rest);
};
const program = ts.createProgram([...config.fileNames, ...virtual.keys()], options, host);
const diagnostics = ts.getPreEmitDiagnostics(program);
process.stdout.write(
  ts.formatDiagnostics(diagnostics, { getCanonicalFileName: (f) => f, getCurrentDirectory: () => process.cwd(), getNewLine: () => '\n' }),
);
const checked = config.fileNames.filter((f) => !relative(site, f).startsWith('..')).length;
console.log(`site: ${checked} TypeScript and ${components.length} .astro files checked, ${diagnostics.length} error(s)`);
process.exit(diagnostics.length ? 1 : 0);
