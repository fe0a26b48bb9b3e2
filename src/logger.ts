import { LogLevel, type Logger } from '@slack/logger';

const order: Record<LogLevel, number> = {
  [LogLevel.DEBUG]: 0,
  [LogLevel.INFO]: 1,
  [LogLevel.WARN]: 2,
  [LogLevel.ERROR]: 3,
};

/**
 * A @slack/logger-compatible logger writing one line per entry to stderr, so stdout stays free
 * for what a command prints (console answers, JSON output).
 */
export function createLogger(level: `${LogLevel}`, stream: NodeJS.WritableStream = process.stderr): Logger {
  let current = level as LogLevel;
  let name = 'smtp-desk';
  const write = (at: LogLevel, messages: unknown[]) => {
    if (order[at] < order[current]) return;
    const text = messages
      .map((message) => (message instanceof Error ? message.message : typeof message === 'string' ? message : JSON.stringify(message)))
      .join(' ');
    stream.write(`${new Date().toISOString()} ${at.toUpperCase()} [${name}] ${text}\n`);
  };
  return {
    debug: (...messages) => write(LogLevel.DEBUG, messages),
    info: (...messages) => write(LogLevel.INFO, messages),
    warn: (...messages) => write(LogLevel.WARN, messages),
    error: (...messages) => write(LogLevel.ERROR, messages),
    setLevel: (next) => {
      current = next;
    },
    getLevel: () => current,
    setName: (next) => {
      name = next;
    },
  };
}
