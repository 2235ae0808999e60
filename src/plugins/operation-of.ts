import { getOperationAST, type DocumentNode, type OperationDefinitionNode } from 'graphql';

/** Per parsed document (the document cache hands the same one out again): its operations looked up by name. */
const operations = new WeakMap<DocumentNode, Map<string, OperationDefinitionNode | null>>();

/** The operation `name` selects in `document` (getOperationAST), looked up once per document and name. */
export function operationOf(document: DocumentNode, name: string | null | undefined): OperationDefinitionNode | undefined {
  let byName = operations.get(document);
  if (!byName) operations.set(document, (byName = new Map()));
  const key = name ?? '';
  let found = byName.get(key);
  if (found === undefined) byName.set(key, (found = getOperationAST(document, name) ?? null));
  return found ?? undefined;
}
