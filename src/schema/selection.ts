import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  GraphQLIncludeDirective,
  GraphQLSkipDirective,
  isObjectType,
  Kind,
  type FieldNode,
  type GraphQLField,
  type GraphQLResolveInfo,
  type NamedTypeNode,
  type SelectionSetNode,
} from 'graphql';

export interface SelectedField {
  readonly name: string;
  /** Coerced argument values (enum internal values, defaults applied). */
  readonly args: Record<string, unknown>;
  /** The field as written, to look deeper into its selection (childFields). */
  readonly node: FieldNode;
}

/**
 * The fields selected directly on the value the current resolver returns, through fragments and
 * inline fragments, honouring @skip and @include: what the resolver's children will ask for.
 * `typeName` names the object type when the field returns an abstract type (federation's
 * `_entities`); fragments on other types are then left out.
 */
export function selectedFields(info: GraphQLResolveInfo, typeName?: string): SelectedField[] {
  const type = typeName ? info.schema.getType(typeName) : getNamedType(info.returnType);
  const fields: Record<string, GraphQLField<unknown, unknown>> = isObjectType(type) ? type.getFields() : {};
  const applies = (condition: NamedTypeNode | undefined) => !condition || !typeName || condition.name.value === typeName;
  const selected: SelectedField[] = [];
  const seenFragments = new Set<string>();

  const visit = (selectionSet: SelectionSetNode | undefined): void => {
    for (const selection of selectionSet?.selections ?? []) {
      if (!included(selection, info.variableValues)) continue;
      if (selection.kind === Kind.FIELD) {
        const definition = fields[selection.name.value];
        const args = definition ? getArgumentValues(definition, selection, info.variableValues) : {};
        selected.push({ name: selection.name.value, args, node: selection });
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        if (applies(selection.typeCondition)) visit(selection.selectionSet);
      } else if (!seenFragments.has(selection.name.value)) {
        seenFragments.add(selection.name.value);
        const fragment = info.fragments[selection.name.value];
        if (fragment && applies(fragment.typeCondition)) visit(fragment.selectionSet);
      }
    }
  };
  for (const node of info.fieldNodes as readonly FieldNode[]) visit(node.selectionSet);
  return selected;
}

/**
 * The fields named `name` selected directly in the selection sets of `nodes` (through fragments and inline
 * fragments, honouring @skip and @include, whatever their type condition): a look one level deeper than a
 * resolver's own info gives, to know before a call what its answer will be asked for.
 */
export function childFields(info: GraphQLResolveInfo, nodes: readonly FieldNode[], name: string): FieldNode[] {
  const found: FieldNode[] = [];
  const seenFragments = new Set<string>();
  const visit = (selectionSet: SelectionSetNode | undefined): void => {
    for (const selection of selectionSet?.selections ?? []) {
      if (!included(selection, info.variableValues)) continue;
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

function included(node: Parameters<typeof getDirectiveValues>[1], variables: GraphQLResolveInfo['variableValues']): boolean {
  if (getDirectiveValues(GraphQLSkipDirective, node, variables)?.if === true) return false;
  if (getDirectiveValues(GraphQLIncludeDirective, node, variables)?.if === false) return false;
  return true;
}
