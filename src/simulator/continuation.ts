/**
 * Continuation tokens for GET /v1/customers (API-FACTS 0.4). Opaque to clients: base64url(JSON state) plus an
 * HMAC under a random per-simulator key, so a tampered, foreign or stale token is detected and answered with
 * 400 800002 instead of silently paging from the wrong place.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export interface CustomerFilter {
  field: 'CompanyName' | 'Domain';
  value: string;
}

export interface PageState {
  partnerId: string;
  offset: number;
  size: number;
  filter?: CustomerFilter;
}

export class TokenCodec {
  private readonly key = randomBytes(32);

  private sign(payload: string): Buffer {
    return createHmac('sha256', this.key).update(payload).digest();
  }

  encode(state: PageState): string {
    const payload = Buffer.from(JSON.stringify(state)).toString('base64url');
    return `${payload}.${this.sign(payload).toString('base64url')}`;
  }

  /** The state, or undefined for anything this simulator did not issue unchanged. */
  decode(token: string): PageState | undefined {
    const [payload, signature, extra] = token.trim().split('.');
    if (!payload || !signature || extra !== undefined) return undefined;
    const given = Buffer.from(signature, 'base64url');
    const expected = this.sign(payload);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    try {
      return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as PageState;
    } catch {
      return undefined;
    }
  }
}
