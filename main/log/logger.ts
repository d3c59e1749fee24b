import { appendFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Now } from '../../shared/time/clock';
import type { Redactor } from './redact';

export const LOG_LEVELS = ['debug', 'info', 'warn', 'error'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
  /** A logger whose lines carry `scope` (e.g. `sync`, `ipc`). */
  child(scope: string): Logger;
}

export interface LogRecord {
  at: string;
  level: LogLevel;
  scope: string;
  message: string;
  fields?: unknown;
}

export type LogSink = (record: LogRecord) => void;

export interface LoggerOptions {
  level: LogLevel;
  redactor: Redactor;
  sinks: LogSink[];
  scope?: string;
  clock?: Now;
}

/** Every record is redacted before any sink sees it: a sink cannot leak what it never receives. */
export function createLogger(options: LoggerOptions): Logger {
  const minRank = LOG_LEVELS.indexOf(options.level);
  const clock = options.clock ?? Date.now;
  const make = (scope: string): Logger => {
    const write = (level: LogLevel, message: string, fields?: Record<string, unknown>): void => {
      if (LOG_LEVELS.indexOf(level) < minRank) return;
      const record: LogRecord = { at: new Date(clock()).toISOString(), level, scope, message: options.redactor.text(message) };
      if (fields !== undefined) record.fields = options.redactor.value(fields);
      for (const sink of options.sinks) {
        try {
          sink(record);
        } catch {
          // A failing sink (disk full, closed stream) must never take the app down with it.
        }
      }
    };
    return {
      debug: (m, f) => write('debug', m, f),
      info: (m, f) => write('info', m, f),
      warn: (m, f) => write('warn', m, f),
      error: (m, f) => write('error', m, f),
      child: (child) => make(scope ? `${scope}.${child}` : child),
    };
  };
  return make(options.scope ?? '');
}

export interface RotatingFileOptions {
  dir: string;
  /** Base file name: `main.log`, rotated to `main.1.log` ... `main.<keep>.log`. */
  name?: string;
  maxBytes?: number;
  keep?: number;
}

/**
 * JSON-lines file sink with size-based rotation. Synchronous appends: a crash right after a line
 * is written must not lose it (the log is how a trader's failure gets diagnosed).
 */
export function rotatingFileSink(options: RotatingFileOptions): LogSink {
  const name = options.name ?? 'main.log';
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const keep = options.keep ?? 3;
  mkdirSync(options.dir, { recursive: true });
  const file = join(options.dir, name);
  const rotated = (i: number): string => join(options.dir, name.replace(/\.log$/, `.${i}.log`));
  let size = existsSync(file) ? statSync(file).size : 0;

  const rotate = (): void => {
    rmSync(rotated(keep), { force: true });
    for (let i = keep - 1; i >= 1; i -= 1) {
      if (existsSync(rotated(i))) renameSync(rotated(i), rotated(i + 1));
    }
    if (existsSync(file)) renameSync(file, rotated(1));
    size = 0;
  };

  return (record) => {
    const line = `${JSON.stringify(record)}\n`;
    const bytes = Buffer.byteLength(line);
    if (size > 0 && size + bytes > maxBytes) rotate();
    appendFileSync(file, line);
    size += bytes;
  };
}

export function consoleSink(stream: NodeJS.WritableStream = process.stderr): LogSink {
  return (record) => {
    const fields = record.fields === undefined ? '' : ` ${JSON.stringify(record.fields)}`;
    stream.write(`${record.at} ${record.level.toUpperCase()} ${record.scope || 'app'}: ${record.message}${fields}\n`);
  };
}

export function parseLogLevel(value: string | undefined, fallback: LogLevel): LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value ?? '') ? (value as LogLevel) : fallback;
}
