import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

/**
 * Paths pino blanks out wherever they appear in a log object. The gateway never puts a token in a
 * log call on purpose; this is the net under that rule (headers copied whole, errors with configs).
 */
export const REDACTED_PATHS = [
  'authorization',
  'cookie',
  'headers.authorization',
  'headers.cookie',
  'headers["set-cookie"]',
  'req.headers.authorization',
  'req.headers.cookie',
  '*.authorization',
  '*.headers.authorization',
  '*.headers.cookie',
  'token',
  '*.token',
];

export interface LoggerOptions {
  /** pino level. Default info. */
  level?: string;
  /** pino-pretty for humans (development only: it is slower). Default false. */
  pretty?: boolean;
  /** Where JSON lines go; tests pass a stream to read them. Default stdout. */
  destination?: DestinationStream;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const base = {
    level: options.level ?? 'info',
    base: { service: 'partner-graph' },
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label: string) => ({ level: label }) },
  };
  if (options.destination) return pino(base, options.destination);
  if (options.pretty) {
    return pino({ ...base, transport: { target: 'pino-pretty', options: { colorize: true, singleLine: true } } });
  }
  return pino(base);
}

const LEVELS = new Set<string | symbol>(['fatal', 'error', 'warn', 'info', 'debug', 'trace']);
const noop = () => undefined;

/**
 * `parent.child(bindings())`, made on first use: most requests log nothing with their child logger, and pino's
 * child() (bindings, redaction) costs more than that. A call at a level the parent does not write makes nothing.
 */
export function lazyChild(parent: Logger, bindings: () => Record<string, unknown>): Logger {
  return new Proxy({} as Logger, new LazyChild(parent, bindings));
}

/** The proxy's handler: every member of the child, made when first needed. */
class LazyChild implements ProxyHandler<Logger> {
  #child: Logger | undefined;

  constructor(
    private readonly parent: Logger,
    private readonly bindings: () => Record<string, unknown>,
  ) {}

  // A child has its parent's level: asking it is no reason to make one.
  readonly #isLevelEnabled = (level: string): boolean => this.parent.isLevelEnabled(level);

  get(_: Logger, key: string | symbol): unknown {
    if (this.#child === undefined && key === 'isLevelEnabled') return this.#isLevelEnabled;
    if (this.#child === undefined && LEVELS.has(key) && !this.parent.isLevelEnabled(key as string)) return noop;
    const child = this.#made();
    const value: unknown = Reflect.get(child, key, child);
    return typeof value === 'function' ? value.bind(child) : value;
  }

  has(_: Logger, key: string | symbol): boolean {
    return Reflect.has(this.#made(), key);
  }

  #made(): Logger {
    return (this.#child ??= this.parent.child(this.bindings()));
  }
}
