/**
 * The server's structured log: one JSON object per line (time, level, msg, then the fields), which
 * journald, Loki or `jq` read as they are. A dozen lines rather than pino: the server logs one line per
 * request and a few events, which needs no transport, redaction engine or child-logger tree.
 *
 * What goes in is chosen by the callers, never a whole request: no query strings, bodies, Authorization
 * headers, cookies or usernames (docs/privacy.md). Fields are plain values.
 */
export const LOG_LEVELS = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type LogFields = Record<string, string | number | boolean | null | undefined>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

/** LOG_LEVEL: one of debug, info (the default), warn, error, silent; anything else is refused at start. */
export function logLevelFromEnv(value: string | undefined): LogLevel {
  if (value === undefined || value === '') return 'info';
  const level = value.toLowerCase();
  if (!(LOG_LEVELS as readonly string[]).includes(level))
    throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got ${value}`);
  return level as LogLevel;
}

export function createLogger({
  level = 'info',
  write = (line: string) => process.stdout.write(line + '\n'),
  now = () => new Date(),
}: { level?: LogLevel; write?: (line: string) => void; now?: () => Date } = {}): Logger {
  const threshold = LOG_LEVELS.indexOf(level);
  const at =
    (lineLevel: Exclude<LogLevel, 'silent'>) =>
    (msg: string, fields: LogFields = {}): void => {
      if (LOG_LEVELS.indexOf(lineLevel) < threshold) return;
      // time, level and msg first and never overwritten by a field of the same name.
      write(
        JSON.stringify({ ...fields, time: now().toISOString(), level: lineLevel, msg }, fieldOrder(fields)),
      );
    };
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

function fieldOrder(fields: LogFields): string[] {
  return [
    'time',
    'level',
    'msg',
    ...Object.keys(fields).filter((k) => k !== 'time' && k !== 'level' && k !== 'msg'),
  ];
}

/** For tests and embedded servers that do not log. */
export const silentLogger: Logger = createLogger({ level: 'silent' });
