/**
 * A tiny levelled logger: one line per event on stderr, `2026-01-01T00:00:00.000Z INFO message`.
 * Secrets registered with `addSecret` (the bot token) are replaced by `[redacted]` in every line,
 * whatever path they took into the message (an error from discord.js, a URL, a dumped object).
 */

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Logger {
  debug(message: string, error?: unknown): void;
  info(message: string, error?: unknown): void;
  warn(message: string, error?: unknown): void;
  error(message: string, error?: unknown): void;
  readonly level: LogLevel;
}

export interface LoggerOptions {
  level?: LogLevel;
  /** Where lines go (default: process.stderr). Each call gets one line ending in "\n". */
  write?: (line: string) => void;
  /** Strings that must never appear in the output (the token). */
  secrets?: readonly string[];
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

/** Error → one line: the message (and the first stack frame at debug level), never multi-line. */
export function describeError(error: unknown, withStack = false): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const shown = typeof code === 'string' || typeof code === 'number' ? ` (code ${code})` : '';
    let text = `${error.name}: ${error.message}${shown}`;
    if (withStack && error.stack) {
      const frame = error.stack.split('\n').find((l) => l.trim().startsWith('at '));
      if (frame) text += ` ${frame.trim()}`;
    }
    return text;
  }
  try {
    return typeof error === 'string' ? error : JSON.stringify(error);
  } catch {
    return String(error);
  }
}

export function createLogger(options: LoggerOptions = {}): Logger & { addSecret(secret: string): void } {
  const level = options.level ?? 'info';
  const write = options.write ?? ((line: string) => void process.stderr.write(line));
  const secrets = new Set((options.secrets ?? []).filter((s) => s.length >= 4));

  const redact = (text: string): string => {
    let out = text;
    for (const secret of secrets) out = out.split(secret).join('[redacted]');
    return out;
  };

  const emit = (at: LogLevel, message: string, error?: unknown): void => {
    if (RANK[at] < RANK[level]) return;
    let text = message;
    if (error !== undefined) text += `: ${describeError(error, level === 'debug')}`;
    // One line: newlines in messages (from article text or errors) are shown escaped.
    text = redact(text).replace(/\r?\n/g, '\\n');
    write(`${new Date().toISOString()} ${at.toUpperCase()} ${text}\n`);
  };

  return {
    level,
    debug: (m, e) => emit('debug', m, e),
    info: (m, e) => emit('info', m, e),
    warn: (m, e) => emit('warn', m, e),
    error: (m, e) => emit('error', m, e),
    addSecret(secret: string) {
      if (secret.length >= 4) secrets.add(secret);
    },
  };
}
