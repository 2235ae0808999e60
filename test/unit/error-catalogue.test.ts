import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CATALOGUE, ErrorCode, refusalError, refusalStatus, routeStatus } from '../../src/errors.js';
import { read } from '../support/markdown.js';

/** docs/errors.md's table rows: code cell and the two HTTP status cells. */
function rows(): { code: string; statuses: string }[] {
  return read('docs/errors.md')
    .split('\n')
    .map((line) => line.split(' | ').map((cell) => cell.replace(/^\| ?| ?\|$/g, '').trim()))
    .filter((cells) => cells.length === 6 && cells[0] !== 'situation' && !cells[0]!.startsWith('---'))
    .map((cells) => ({ code: cells[1]!, statuses: `${cells[2]} ${cells[3]}` }));
}

const entries = Object.entries(ERROR_CATALOGUE) as [ErrorCode, (typeof ERROR_CATALOGUE)[ErrorCode]][];

describe('the error catalogue', () => {
  it('names each code as itself', () => {
    expect(Object.entries(ErrorCode).every(([name, code]) => name === code)).toBe(true);
    expect(Object.keys(ErrorCode)).toEqual(Object.keys(ERROR_CATALOGUE));
  });

  it.each(entries)('%s: docs/errors.md gives every refusal status the catalogue does', (code, entry) => {
    const statuses = [
      ...('refusal' in entry ? [entry.refusal] : []),
      ...('variants' in entry ? Object.values(entry.variants) : []),
    ];
    const documented = rows().filter((row) => row.code.includes(`\`${code}\``));
    expect(documented.length).toBeGreaterThan(0);
    for (const status of statuses) {
      expect(documented.some((row) => new RegExp(`\\b${status}\\b`).test(row.statuses)), `${code} ${status}`).toBe(true);
    }
  });

  it('docs/errors.md gives the statement route the status of every code the catalogue does', () => {
    const section = read('docs/errors.md').split('## The statement PDF')[1]!.split('\n## ')[0]!.replace(/\s+/g, ' ');
    for (const [code, entry] of entries) {
      if ('route' in entry) expect(section, code).toContain(`${entry.route} \`${code}\``);
    }
  });

  it('sets http.status from the table, keeping the caller headers and extensions', () => {
    const error = refusalError(ErrorCode.UNAUTHENTICATED, 'no', { reason: 'x', http: { headers: { a: 'b' } } });
    expect(error).toBeInstanceOf(AppError);
    expect(error.extensions).toEqual({ reason: 'x', http: { headers: { a: 'b' }, status: 401 }, code: 'UNAUTHENTICATED' });
    expect(refusalError(ErrorCode.BAD_REQUEST, 'csrf', {}, 'csrf').extensions.http).toEqual({ status: 403 });
    expect([refusalStatus(ErrorCode.BAD_REQUEST, 'method'), refusalStatus(ErrorCode.BAD_REQUEST, 'expectation')]).toEqual([405, 417]);
    expect([routeStatus(ErrorCode.NOT_FOUND), routeStatus(ErrorCode.INTERNAL_SERVER_ERROR)]).toEqual([404, 502]);
  });
});
