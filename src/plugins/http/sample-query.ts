/** The query GraphiQL opens with when the gateway runs on the embedded simulator (seed 004's customer). */
export const SAMPLE_QUERY = `# One customer's one-time orders, down to each line item's offer.
# Costs two Partner Center calls: the customer profile and the filtered order list.
query CustomerOrders {
  customer(id: "b0d70a69-4c42-4b27-b17b-91a835d8686a") {
    id
    companyProfile {
      companyName
      domain
    }
    orders(billingCycle: ONE_TIME) {
      id
      billingCycle
      status
      creationDate
      lineItems {
        lineItemNumber
        offerId
        friendlyName
        quantity
      }
    }
  }
}
`;

/** The Authorization header GraphiQL sends to the embedded simulator, which accepts any bearer token. */
export const DEV_AUTHORIZATION = 'Bearer dev-token';
