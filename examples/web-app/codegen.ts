/**
 * GraphQL Code Generator config for the example web app. Regenerate `src/gql/` from the repository
 * root after changing an operation or schema.graphql:
 *
 *   npx graphql-codegen --config examples/web-app/codegen.ts
 *
 * Codegen reads the committed schema.graphql (never a running gateway), so it works offline, and
 * test/system/codegen-example.test.ts fails when the committed `src/gql/` is stale.
 */
import { fileURLToPath } from 'node:url';
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  // Paths below are relative to this directory, wherever the command is run from.
  cwd: fileURLToPath(new URL('.', import.meta.url)),
  schema: '../../schema.graphql',
  documents: ['src/**/*.ts', '!src/gql/**/*'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        strictScalars: true,
        // RFC 3339 text as the gateway sends it; parse it where you need a Date. Decimal is an exact decimal
        // string: keep it a string (or use a decimal library), never parseFloat it for arithmetic.
        scalars: { DateTime: 'string', Decimal: 'string' },
      },
    },
  },
};

export default config;
