import { getDirectiveValues, GraphQLIncludeDirective, GraphQLSkipDirective, Kind, type FieldNode, type GraphQLResolveInfo, type SelectionSetNode } from 'graphql';

/**
 * The fields named `name` selected directly in the selection sets of `nodes` (through fragments and inline
 * fragments, honouring @skip and @include, whatever their type condition): a look one level deeper than a
 * resolver's own info gives, to know before a call what its answer will be asked for.
 */
export function childFields(info: GraphQLResolveInfo, nodes: readonly FieldNode[], name: string, walked?: Walked): FieldNode[] {
  const found: FieldNode[] = [];
  const seenFragments = new Set<string>();
  const visit = (selectionSet: SelectionSetNode | undefined): void => {
    for (const selection of selectionSet?.selections ?? []) {
      if (selection.directives?.length) {
        if (walked) walked.directives = true;
        if (!included(selection, info.variableValues)) continue;
      }
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value === name) found.push(selection);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet);
      } else if (!seenFragments.has(selection.name.value)) {
        seenFragments.add(selection.name.value);
        visit(info.fragments[selection.name.value]?.selectionSet);
      }
    }
  };
  for (const node of nodes) visit(node.selectionSet);
  return found;
}

/** What a walk met: whether any selection carried a directive (so its answer may depend on the variables). */
export interface Walked {
  directives: boolean;
}

function included(node: Parameters<typeof getDirectiveValues>[1], variables: GraphQLResolveInfo['variableValues']): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
  if (getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if === false) return false;
  return true;
}
