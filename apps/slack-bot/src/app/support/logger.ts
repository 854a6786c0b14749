import { LogLevel, type Logger } from '@slack/bolt';

const ORDER: Record<LogLevel, number> = {
  [LogLevel.DEBUG]: 0,
  [LogLevel.INFO]: 1,
  [LogLevel.WARN]: 2,
  [LogLevel.ERROR]: 3,
};

/** A console logger with Bolt's Logger interface, so the bot, Bolt and the WebClient log alike. */
export class BotLogger implements Logger {
  constructor(
    private level: LogLevel = LogLevel.INFO,
    private name = 'slack-bot',
  ) {}

  static fromLevel(level: 'debug' | 'info' | 'warn' | 'error'): BotLogger {
    return new BotLogger(level as LogLevel);
  }

  /** Nothing at all: for tests, where Slack's `[ERROR] …` explanations of error paths are expected. */
  static silent(): Logger {
    return {
      debug: () => undefined,
      info: () => undefined,
      warn: () => undefined,
      error: () => undefined,
      setLevel: () => undefined,
      getLevel: () => LogLevel.ERROR,
      setName: () => undefined,
    };
  }

  debug(...messages: unknown[]): void {
    this.write(LogLevel.DEBUG, messages);
  }
  info(...messages: unknown[]): void {
    this.write(LogLevel.INFO, messages);
  }
  warn(...messages: unknown[]): void {
    this.write(LogLevel.WARN, messages);
  }
  error(...messages: unknown[]): void {
    this.write(LogLevel.ERROR, messages);
  }
  setLevel(level: LogLevel): void {
    this.level = level;
  }
  getLevel(): LogLevel {
    return this.level;
  }
  setName(name: string): void {
    this.name = name;
  }

  private write(level: LogLevel, messages: unknown[]): void {
    if (ORDER[level] < ORDER[this.level]) return;
    const text = messages.map((m) => (m instanceof Error ? (m.stack ?? m.message) : String(m))).join(' ');
    const line = `${new Date().toISOString()} ${level.toUpperCase()} [${this.name}] ${text}`;
    if (level === LogLevel.ERROR || level === LogLevel.WARN) console.error(line);
    else console.log(line);
  }
}
