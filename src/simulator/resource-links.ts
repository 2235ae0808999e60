/** Links and attributes every simulated resource carries: their own module, so the model files can share them without importing each other. */

export interface LinkHeader {
  key: string;
  value: string;
}

export interface Link {
  uri: string;
  method: string;
  headers: LinkHeader[];
}

export interface ResourceAttributes {
  etag?: string;
  objectType: string;
}
