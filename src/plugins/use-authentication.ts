import { Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';
import { unauthenticated } from '../errors.js';

/**
 * Every operation that can reach Partner Center needs `Authorization: Bearer <token>`; without one
 * the request ends with 401 UNAUTHENTICATED before any upstream call. Operations that only ask
 * `__schema`, `__type`, `__typename` or federation's `_service` (the subgraph SDL) need none, so
 * GraphiQL, schema tooling and supergraph composition work without a caller's token.
 */
export function useAuthentication(): Plugin<Context> {
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const context = args.contextValue as Context;
      if (context.authorization !== undefined) return;
      if (isIntrospectionOnly(args.document, args.operationName ?? undefined)) return;
      setResultAndStopExecution({
        errors: [
          unauthenticated(
            hasAuthorizationHeader(args.contextValue)
              ? 'The Authorization header must be "Bearer <token>".'
              : 'An Authorization header with a bearer token is required.',
          ),
        ],
      });
    },
  };
}

function hasAuthorizationHeader(context: unknown): boolean {
  const request = (context as { request?: Request }).request;
  return Boolean(request?.headers.get('authorization'));
}

function isIntrospectionOnly(document: DocumentNode, operationName: string | undefined): boolean {
  const operations = document.definitions.filter((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION);
  const operation = operationName ? operations.find((o) => o.name?.value === operationName) : operations[0];
  if (!operation) return false;
  return operation.selectionSet.selections.every(
    (selection) => selection.kind === Kind.FIELD && (selection.name.value.startsWith('__') || selection.name.value === '_service'),
  );
}
