/** Word pools for realistic generated customers (Microsoft's own fictional company names). */

export const COMPANY_NAMES: readonly string[] = [
  'Contoso', 'Fabrikam', 'Northwind Traders', 'Adventure Works', 'Tailspin Toys', 'Wide World Importers',
  'Litware', 'Proseware', 'Woodgrove Bank', 'Alpine Ski House', 'Coho Winery', 'Margie\'s Travel',
  'Trey Research', 'Graphic Design Institute', 'Humongous Insurance', 'Blue Yonder Airlines',
  'City Power & Light', 'Consolidated Messenger', 'A. Datum Corporation', 'Wingtip Toys', 'VanArsdel',
  'Munson\'s Pickles and Preserves Farm', 'Best For You Organics', 'Bellows College', 'Southridge Video',
  'Lucerne Publishing', 'School of Fine Art', 'Nod Publishers', 'Tailwind Traders', 'Coho Vineyard',
  'Contoso Pharmaceuticals', 'Cohowinery Logistics', 'Datum Analytics', 'Fabrikam Residences',
];

export const COMPANY_SUFFIXES: readonly string[] = ['', '', ' Ltd', ' Inc.', ' GmbH', ' LLC', ' Group', ' Holdings'];

export const FIRST_NAMES: readonly string[] = [
  'Adele', 'Alex', 'Diego', 'Grady', 'Henrietta', 'Isaiah', 'Johanna', 'Joni', 'Lee', 'Lidia',
  'Lynne', 'Megan', 'Miriam', 'Nestor', 'Patti', 'Pradeep', 'Amara', 'Kenji', 'Sofia', 'Tomasz',
];

export const LAST_NAMES: readonly string[] = [
  'Vance', 'Wilber', 'Siciliani', 'Archie', 'Mueller', 'Langer', 'Lauer', 'Sherman', 'Gu', 'Holloway',
  'Robbins', 'Bowen', 'Graham', 'Wilke', 'Fernandez', 'Gupta', 'Okafor', 'Tanaka', 'Rossi', 'Nowak',
];

export interface Locale {
  country: string;
  currencyCode: string;
  currencySymbol: string;
  culture: string;
  language: string;
  cities: readonly (readonly [city: string, state: string, postalCode: string])[];
}

export const LOCALES: readonly Locale[] = [
  {
    country: 'US', currencyCode: 'USD', currencySymbol: '$', culture: 'EN-US', language: 'En',
    cities: [['Redmond', 'WA', '98052'], ['Austin', 'TX', '78701'], ['Denver', 'CO', '80202'], ['Boston', 'MA', '02110']],
  },
  {
    country: 'GB', currencyCode: 'GBP', currencySymbol: '£', culture: 'EN-GB', language: 'En',
    cities: [['London', 'London', 'EC1A 1BB'], ['Manchester', 'Greater Manchester', 'M1 1AE']],
  },
  {
    country: 'DE', currencyCode: 'EUR', currencySymbol: '€', culture: 'DE-DE', language: 'De',
    cities: [['Berlin', 'BE', '10115'], ['München', 'BY', '80331']],
  },
];

export const STREETS: readonly string[] = ['Main St', 'Market Street', 'High Street', 'Hauptstraße', 'Lake View Rd', 'Pine Ave'];

/** Lower-case letters and digits only: the tenant-domain form of a company name. */
export function slug(name: string): string {
  return name.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]/g, '');
}
