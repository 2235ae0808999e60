/**
 * The fixed product catalog (API-FACTS 7). It does not depend on the seed: every new-commerce offerId used in an
 * order (`productId:skuId:availabilityId`) must resolve here, including seed 004's reservations.
 */
import type { ProductType } from './types.js';

export type SkuKind = 'license' | 'trial' | 'reservation' | 'software';

export interface CatalogSku {
  id: string;
  title: string;
  description: string;
  availabilityId: string;
  kind: SkuKind;
  supportedBillingCycles: string[];
  /** Term durations an order line may carry for this SKU. */
  terms: string[];
  /** List price per month (licences) or per purchase (reservations, software). */
  unitPrice: number;
  minimumQuantity: number;
  maximumQuantity: number;
}

/** Title and description in another locale (X-Locale); a missing locale falls back to en-US. */
export interface LocalizedText {
  title: string;
  description: string;
}

export interface CatalogProduct {
  id: string;
  title: string;
  description: string;
  productType: ProductType;
  skus: CatalogSku[];
  /** Lower-case locale → the product's text, and its SKUs' by SKU id. */
  localized?: Record<string, LocalizedText & { skus?: Record<string, LocalizedText> }>;
  /** Answers 400072 "This item isn't available" with HTTP 200 (error-codes.md); never used by generated orders. */
  unavailable?: boolean;
}

const NCE: ProductType = { id: 'OnlineServicesNCE', displayName: 'OnlineServicesNCE' };
const AZURE_RI: ProductType = {
  id: 'Azure',
  displayName: 'Azure',
  subType: { id: 'VirtualMachines', displayName: 'VirtualMachines' },
};
const SOFTWARE: ProductType = { id: 'Software', displayName: 'Software' };
const LICENSE_CYCLES = ['monthly', 'annual', 'triennial'];

function licence(id: string, title: string, availabilityId: string, unitPrice: number, cycles = LICENSE_CYCLES): CatalogSku {
  return {
    id, title, availabilityId, unitPrice, kind: 'license', description: `${title} (new commerce licence)`,
    supportedBillingCycles: cycles, terms: ['P1M', 'P1Y', 'P3Y'], minimumQuantity: 1, maximumQuantity: 300,
  };
}

function reservation(id: string, title: string, availabilityId: string, term: string, unitPrice: number): CatalogSku {
  return {
    id, title, availabilityId, unitPrice, kind: 'reservation', description: title,
    supportedBillingCycles: ['one_time'], terms: [term], minimumQuantity: 1, maximumQuantity: 50,
  };
}

function software(id: string, title: string, availabilityId: string, unitPrice: number): CatalogSku {
  return {
    id, title, availabilityId, unitPrice, kind: 'software', description: title,
    supportedBillingCycles: ['one_time'], terms: [], minimumQuantity: 1, maximumQuantity: 100,
  };
}

export const CATALOG: readonly CatalogProduct[] = [
  {
    id: 'DZH318Z0BQ4B', title: 'Reserved VM Instance, Dv2/D Series', productType: AZURE_RI,
    description: 'Azure Reserved Virtual Machine Instances, D series.',
    skus: [
      reservation('000Z', 'Reserved VM Instance, Standard_D1, AP East, 1 Year', 'DZH318Z0DSPL', 'P1Y', 502.24),
      reservation('001G', 'Reserved VM Instance, Standard_D2, US West, 3 Years', 'DZH318Z0CX5M', 'P3Y', 1875.4),
    ],
  },
  {
    id: 'DZH318Z0BQ4Z', title: 'Reserved VM Instance, NC Series', productType: AZURE_RI,
    description: 'Azure Reserved Virtual Machine Instances, NC series (GPU).',
    skus: [
      reservation('002P', 'Reserved VM Instance, Standard_NC12, AU East, 3 Years', 'DZH318Z0CL2D', 'P3Y', 31545),
      reservation('0013', 'Reserved VM Instance, Standard_NC6, US East, 1 Year', 'DZH318Z0BX7K', 'P1Y', 5220.5),
    ],
  },
  {
    id: 'CFQ7TTC0LH18', title: 'Microsoft 365 Business Basic', productType: NCE,
    description: 'Business services such as email, file storage and sharing, Office for the web, meetings and chat.',
    skus: [
      licence('0001', 'Microsoft 365 Business Basic', 'CFQ7TTC0J1FV', 6),
      {
        ...licence('0002', 'Microsoft 365 Business Basic Trial', 'CFQ7TTC0J1G1', 0, ['none']),
        kind: 'trial', terms: ['P1M'], maximumQuantity: 25,
      },
    ],
  },
  {
    id: 'CFQ7TTC0LDPB', title: 'Microsoft 365 Business Standard', productType: NCE,
    description: 'Desktop versions of Microsoft 365 apps with business services.',
    skus: [licence('0001', 'Microsoft 365 Business Standard', 'CFQ7TTC0J8MM', 12.5)],
    localized: {
      'de-de': {
        title: 'Microsoft 365 Business Standard', description: 'Desktopversionen der Microsoft 365-Apps mit Geschäftsdiensten.',
        skus: { '0001': { title: 'Microsoft 365 Business Standard (Deutschland)', description: 'Microsoft 365 Business Standard (Lizenz, neuer Handel)' } },
      },
      'fr-fr': {
        title: 'Microsoft 365 Business Standard', description: 'Versions de bureau des applications Microsoft 365 avec services professionnels.',
        skus: { '0001': { title: 'Microsoft 365 Business Standard (France)', description: 'Microsoft 365 Business Standard (licence, nouveau commerce)' } },
      },
    },
  },
  {
    id: 'CFQ7TTC0LCHC', title: 'Microsoft 365 Business Premium', productType: NCE,
    description: 'Business Standard plus advanced security and device management.',
    skus: [licence('0002', 'Microsoft 365 Business Premium', 'CFQ7TTC0J6QV', 22)],
    localized: {
      'de-de': {
        title: 'Microsoft 365 Business Premium', description: 'Business Standard mit erweiterter Sicherheit und Geräteverwaltung.',
        skus: { '0002': { title: 'Microsoft 365 Business Premium (Deutschland)', description: 'Microsoft 365 Business Premium (Lizenz, neuer Handel)' } },
      },
      'fr-fr': {
        title: 'Microsoft 365 Business Premium', description: 'Business Standard avec sécurité avancée et gestion des appareils.',
        skus: { '0002': { title: 'Microsoft 365 Business Premium (France)', description: 'Microsoft 365 Business Premium (licence, nouveau commerce)' } },
      },
    },
  },
  {
    id: 'CFQ7TTC0LFLX', title: 'Microsoft 365 E3', productType: NCE,
    description: 'Enterprise productivity apps with core security and compliance.',
    skus: [licence('0001', 'Microsoft 365 E3', 'CFQ7TTC0K2N4', 36, ['monthly', 'annual', 'triennial', 'biennial'])],
  },
  {
    id: 'CFQ7TTC0MM8R', title: 'Dynamics 365 Sales Enterprise', productType: NCE,
    description: 'Sales force automation for enterprise sales teams.',
    skus: [licence('0002', 'Dynamics 365 Sales Enterprise', 'CFQ7TTC0MM9K', 95, ['monthly', 'annual', 'triennial', 'biennial'])],
  },
  {
    id: 'DG7GMGF0FKZV', title: 'Windows Server 2022', productType: SOFTWARE,
    description: 'Perpetual Windows Server 2022 licences.',
    skus: [software('0007', 'Windows Server 2022 Standard - 16 Core License Pack', 'DG7GMGF0FLC1', 1069)],
  },
  {
    id: 'DG7GMGF0D65N', title: 'Office LTSC Professional Plus 2021', productType: SOFTWARE,
    description: 'Perpetual Office LTSC 2021 licences.',
    skus: [software('0002', 'Office LTSC Professional Plus 2021', 'DG7GMGF0D6ZR', 439)],
  },
  {
    id: 'DZH318Z0BXWC', title: 'Reserved VM Instance, Dv1 Series (retired)', productType: AZURE_RI,
    description: 'Azure Reserved Virtual Machine Instances, retired D v1 series.', unavailable: true,
    skus: [reservation('0003', 'Reserved VM Instance, Standard_D1_v1, US West, 1 Year', 'DZH318Z0BXWD', 'P1Y', 318.45)],
  },
];

const BY_ID = new Map(CATALOG.map((p) => [p.id, p]));

/** Catalog ids are upper-case; lookups ignore case as the real service's routing does. */
export function findProduct(productId: string): CatalogProduct | undefined {
  return BY_ID.get(productId.toUpperCase());
}

export function findSku(product: CatalogProduct, skuId: string): CatalogSku | undefined {
  const wanted = skuId.toUpperCase();
  return product.skus.find((s) => s.id.toUpperCase() === wanted);
}

export function offerIdOf(product: CatalogProduct, sku: CatalogSku): string {
  return `${product.id}:${sku.id}:${sku.availabilityId}`;
}
