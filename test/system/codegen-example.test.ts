import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * examples/web-app is how a frontend generates typed operations from schema.graphql. This keeps it
 * honest: its committed generated code is what codegen makes from today's schema.graphql, and the
 * app type-checks against it (so a schema change that breaks a frontend's operations fails here).
 */

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const EXAMPLE = join(ROOT, 'examples/web-app');
const GENERATED_DIR = join(EXAMPLE, 'src/gql');
const REGENERATE = 'npx graphql-codegen --config examples/web-app/codegen.ts';

/** Forward slashes, relative to `from`, so assertions read the same on every platform. */
const rel = (from: string, path: string) => relative(from, path).split('\\').join('/');

function formatDiagnostics(diagnostics: readonly ts.Diagnostic[]): string {
  return ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (name) => name,
    getCurrentDirectory: () => ROOT,
    getNewLine: () => '\n',
  });
}

function readTsconfig(name: string): ts.ParsedCommandLine {
  const path = join(EXAMPLE, name);
  const { config, error } = ts.readConfigFile(path, ts.sys.readFile);
  if (error) throw new Error(formatDiagnostics([error]));
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, dirname(path), undefined, path);
  if (parsed.errors.length > 0) throw new Error(formatDiagnostics(parsed.errors));
  return parsed;
}

/** The example's program: the same files and options `tsc -p examples/web-app` checks. */
const app = readTsconfig('tsconfig.json');
const appProgram = ts.createProgram({ rootNames: app.fileNames, options: app.options });

describe('examples/web-app: typed operations from schema.graphql', () => {
  it(`has committed src/gql/ equal to what codegen generates now (run \`${REGENERATE}\`)`, async () => {
    // The example's own codegen.ts, loaded as the CLI loads it; outputs stay in memory.
    const loaded = await loadCodegenConfig({ configFilePath: join(EXAMPLE, 'codegen.ts') });
    expect(loaded?.config.schema).toBe('../../schema.graphql'); // the local file, never a URL
    let outputs: { filename: string; content: string }[];
    try {
      outputs = await generate({ ...loaded!.config, silent: true }, false);
    } catch (error) {
      throw new Error(
        `codegen failed on examples/web-app: an operation in src/ no longer matches schema.graphql. ` +
          `Fix the operation, then run \`${REGENERATE}\`.\n${String(error)}`,
        { cause: error },
      );
    }
    const generated = Object.fromEntries(
      outputs.map((output) => [rel(GENERATED_DIR, join(EXAMPLE, output.filename)), output.content]),
    );
    const committed = Object.fromEntries(
      readdirSync(GENERATED_DIR).map((name) => [name, readFileSync(join(GENERATED_DIR, name), 'utf8')]),
    );
    expect(Object.keys(generated).sort()).toEqual(['gql.ts', 'graphql.ts', 'index.ts']);
    expect(committed, `examples/web-app/src/gql is stale: run \`${REGENERATE}\` and commit the result`).toEqual(
      generated,
    );
  });

  it('type-checks (strict, DOM, no Node types) against its generated code', () => {
    expect(app.fileNames.map((file) => rel(EXAMPLE, file)).sort()).toEqual([
      'src/client.ts',
      'src/customer-orders.ts',
      'src/gql/gql.ts',
      'src/gql/graphql.ts',
      'src/gql/index.ts',
      'src/operations.ts',
    ]);
    expect(app.options.strict).toBe(true);
    expect(app.options.noEmit).toBe(true);
    expect(app.options.types).toEqual([]);
    expect(formatDiagnostics(ts.getPreEmitDiagnostics(appProgram))).toBe('');
  });

  it('is left out of the root tsconfig (browser code, Bundler resolution: checked only as above)', () => {
    const path = join(ROOT, 'tsconfig.json');
    const root = ts.parseJsonConfigFileContent(ts.readConfigFile(path, ts.sys.readFile).config, ts.sys, ROOT, undefined, path);
    expect(root.fileNames.filter((file) => rel(ROOT, file).startsWith('examples/web-app/'))).toEqual([]);
  });

  it('type-checks its codegen.ts (Node)', () => {
    const node = readTsconfig('tsconfig.node.json');
    expect(node.fileNames.map((file) => rel(EXAMPLE, file))).toEqual(['codegen.ts']);
    const program = ts.createProgram({ rootNames: node.fileNames, options: node.options });
    expect(formatDiagnostics(ts.getPreEmitDiagnostics(program))).toBe('');
  });

  it('rejects code that reads an unselected field or passes wrong variables (the check can fail)', () => {
    // An extra module of the app, in memory only: correct reads, then three mistakes.
    const probe = join(EXAMPLE, 'src/__type-probe__.ts');
    const source = [
      "import type { ResultOf } from '@graphql-typed-document-node/core';",
      "import { execute } from './client';",
      "import { CustomerCompanyNamesQuery, CustomerOrdersByCycleQuery } from './operations';",
      'declare const names: ResultOf<typeof CustomerCompanyNamesQuery>;',
      'declare const orders: ResultOf<typeof CustomerOrdersByCycleQuery>;',
      'export const companyName: string | null | undefined = names.customers[0]?.companyProfile?.companyName;',
      'export const offerId: string | null | undefined = orders.customer?.orders?.[0]?.lineItems[0]?.offerId;',
      "export const ok = execute({ token: 't' }, CustomerOrdersByCycleQuery, { customerId: 'c', billingCycle: 'MONTHLY' });",
      'export const domain = names.customers[0]?.companyProfile?.domain;',
      "export const badCycle = execute({ token: 't' }, CustomerOrdersByCycleQuery, { customerId: 'c', billingCycle: 'YEARLY' });",
      "export const noVariables = execute({ token: 't' }, CustomerOrdersByCycleQuery);",
    ].join('\n');
    const host = ts.createCompilerHost(app.options);
    const { getSourceFile, fileExists, readFile } = host;
    host.getSourceFile = (fileName, languageVersion, ...rest) =>
      fileName === probe
        ? ts.createSourceFile(fileName, source, languageVersion, true)
        : getSourceFile.call(host, fileName, languageVersion, ...rest);
    host.fileExists = (fileName) => fileName === probe || fileExists.call(host, fileName);
    host.readFile = (fileName) => (fileName === probe ? source : readFile.call(host, fileName));
    const program = ts.createProgram({
      rootNames: [...app.fileNames, probe],
      options: app.options,
      host,
      oldProgram: appProgram,
    });
    const found = ts.getPreEmitDiagnostics(program).map((diagnostic) => ({
      file: diagnostic.file && rel(EXAMPLE, diagnostic.file.fileName),
      line: diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1 : undefined,
      code: diagnostic.code,
      message: ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n').split('\n')[0],
    }));
    expect(found).toEqual([
      {
        file: 'src/__type-probe__.ts',
        line: 9,
        code: 2339,
        message: "Property 'domain' does not exist on type '{ companyName: string | null; }'.",
      },
      {
        file: 'src/__type-probe__.ts',
        line: 10,
        code: 2322,
        message: `Type '"YEARLY"' is not assignable to type 'PartnerCenterBillingCycle | null | undefined'.`,
      },
      {
        file: 'src/__type-probe__.ts',
        line: 11,
        code: 2554,
        message: 'Expected 3 arguments, but got 2.',
      },
    ]);
  });
});
