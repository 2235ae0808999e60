import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { Plugin } from 'graphql-yoga';
import type { Config } from '../../config.js';
import type { TrustedDocuments } from './trusted-documents.js';
import { useQueryLimits } from './use-query-limits.js';

/**
 * Headers that force a CORS preflight; browsers cannot send them cross-site without the server's
 * consent, so a request carrying one (or a JSON body) is not a CSRF. Apollo Client and yoga's own
 * names are accepted so standard clients work unchanged.
 */
export const CSRF_HEADERS = ['x-graphql-csrf', 'apollo-require-preflight', 'x-apollo-operation-name', 'x-graphql-yoga-csrf'];

/**
 * Everything that stands between a hostile document and execution: query limits (variables limits are a parameter
 * step, use-variable-limits, run by use-request-checks), the introspection
 * switch and the trusted-documents mode (only manifest operations run, by hash). CSRF prevention is a request check
 * (use-csrf-prevention, run by use-request-checks).
 */
export function useSecurity(config: Config, trustedDocuments?: TrustedDocuments): Plugin {
  return {
    onPluginInit({ addPlugin }) {
      addPlugin(useQueryLimits(config.limits));
      // Its generic context type differs only nominally; it reads nothing from the context.
      if (!config.security.introspection) addPlugin(useDisableIntrospection() as Plugin);
      if (trustedDocuments) {
        addPlugin(
          usePersistedOperations({
            getPersistedOperation: (hash) => trustedDocuments.get(hash) ?? null,
            allowArbitraryOperations: false,
            skipDocumentValidation: false,
          }),
        );
      }
    },
  };
}
