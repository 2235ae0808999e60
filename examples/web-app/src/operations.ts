/**
 * The web app's operations. `graphql()` is generated into ./gql from these very strings: each call
 * returns a TypedDocumentNode whose result and variables types match the selection exactly.
 * After editing an operation, regenerate (see ../codegen.ts).
 */
import { graphql } from './gql';

/** One customer's orders of one billing cycle, down to each line item's offer. */
export const CustomerOrdersByCycleQuery = graphql(`
  query CustomerOrdersByCycle($customerId: ID!, $billingCycle: PartnerCenterBillingCycle) {
    customer(id: $customerId) {
      id
      companyProfile {
        companyName
      }
      orders(billingCycle: $billingCycle) {
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
`);

/** Several customers' company names in one request (one profile call per distinct customer). */
export const CustomerCompanyNamesQuery = graphql(`
  query CustomerCompanyNames($ids: [ID!]!) {
    customers(ids: $ids) {
      id
      companyProfile {
        companyName
      }
    }
  }
`);
