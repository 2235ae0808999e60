import { describe, expect, it } from 'vitest';
import { parseErrorBody, parseRetryAfter } from '../../src/partner-center/transport/error-body.js';

describe('parseErrorBody: the three Partner Center error shapes', () => {
  it('reads shape A (standard fault) with a numeric code', () => {
    expect(
      parseErrorBody('{"code":20002,"description":"No relationship between caller and account.","data":[],"source":"PartnerFD"}'),
    ).toEqual({ shape: 'standard', code: '20002', description: 'No relationship between caller and account.' });
  });

  it('reads shape A with a string code', () => {
    expect(parseErrorBody('{"code":"60003","description":"Tenant not found","data":[]}')).toEqual({
      shape: 'standard',
      code: '60003',
      description: 'Tenant not found',
    });
  });

  it('reads shape B (customer-service fault)', () => {
    expect(
      parseErrorBody(
        '{"code":600074,"message":"m","description":"Account not found","errorName":"AccountStatusNotFound","isRetryable":false,"parameters":{},"errorMessageExtended":"InternalErrorCode=600074"}',
      ),
    ).toEqual({ shape: 'customer-service', code: '600074', description: 'Account not found' });
  });

  it('reads shape C (gateway fault)', () => {
    expect(parseErrorBody('{"statusCode":429,"message":"Rate limit is exceeded. Try again in 57 seconds."}')).toEqual({
      shape: 'gateway',
      description: 'Rate limit is exceeded. Try again in 57 seconds.',
    });
  });

  it('gives no details for HTML, truncated JSON or other objects', () => {
    expect(parseErrorBody('<html>502 Bad Gateway</html>')).toEqual({ shape: 'unrecognized' });
    expect(parseErrorBody('{"code":1,')).toEqual({ shape: 'unrecognized' });
    expect(parseErrorBody('{"error":"x"}')).toEqual({ shape: 'unrecognized' });
    expect(parseErrorBody('[1,2]')).toEqual({ shape: 'unrecognized' });
    expect(parseErrorBody('')).toEqual({ shape: 'unrecognized' });
  });

  it('caps descriptions at 1024 characters', () => {
    const parsed = parseErrorBody(JSON.stringify({ code: 1, description: 'x'.repeat(5000) }));
    expect(parsed.description).toHaveLength(1024);
  });
});

describe('parseRetryAfter', () => {
  it('reads delta-seconds, HTTP dates and comma-joined echoes', () => {
    expect(parseRetryAfter('57')).toBe(57);
    expect(parseRetryAfter('30, 30')).toBe(30);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:30 GMT', Date.parse('2026-01-01T00:00:00Z'))).toBe(30);
    expect(parseRetryAfter(undefined)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
  });
});
