import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, lazyChild } from '../../src/observability/logger.js';

function capture(level: string) {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger({ level, destination }), lines };
}

describe('lazyChild', () => {
  it('makes no child for calls at levels the parent does not write, and writes with the bindings and redaction otherwise', () => {
    const { logger, lines } = capture('warn');
    let made = 0;
    const child = lazyChild(logger, () => {
      made += 1;
      return { correlationId: 'c-1' };
    });
    child.info({ authorization: 'Bearer secret' }, 'not written');
    child.debug('not written');
    expect(made).toBe(0);
    child.warn({ authorization: 'Bearer secret' }, 'written');
    child.error('again');
    expect(made).toBe(1);
    expect(lines.map((l) => [l.level, l.msg, l.correlationId, l.authorization])).toEqual([
      ['warn', 'written', 'c-1', '[redacted]'],
      ['error', 'again', 'c-1', undefined],
    ]);
    expect(child.isLevelEnabled('info')).toBe(false);
    expect(child.child({ more: 1 }).bindings()).toEqual({ service: 'partner-graph', correlationId: 'c-1', more: 1 });
  });

  it('answers isLevelEnabled from the parent without making a child, as the transport asks before every call', () => {
    const { logger } = capture('warn');
    let made = 0;
    const child = lazyChild(logger, () => {
      made += 1;
      return { correlationId: 'c-2' };
    });
    expect([child.isLevelEnabled('debug'), child.isLevelEnabled('info'), child.isLevelEnabled('warn'), child.isLevelEnabled('error')]).toEqual([false, false, true, true]);
    expect(made).toBe(0);
  });
});
