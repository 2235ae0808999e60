/** The schema the peers (yoga floor, Apollo peer, request-cost's floor) serve: the part of the gateway's the bench queries. */
export const PEER_TYPE_DEFS = /* GraphQL */ `
  enum BillingCycle { MONTHLY ANNUAL }
  type LineItem { offerId: String }
  type Order { id: ID lineItems: [LineItem!]! }
  type Customer { id: ID! orders(billingCycle: BillingCycle): [Order!]! }
  type Query { customer(id: ID!): Customer customers(ids: [ID!]!): [Customer]! }
`;
