/** An `_entities` query over the subgraph's two entity types, as a federation router sends it. */
export const ENTITIES = `query($representations: [_Any!]!) { _entities(representations: $representations) {
  __typename
  ... on Customer { id companyProfile { companyName } }
  ... on Order { customerId id billingCycle }
} }`;
