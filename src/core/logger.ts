/**
 * The narrow logging port the core and the modes depend on. Powertools Logger satisfies it in
 * Lambda; the CLI passes a console-backed or silent implementation.
 */
export interface LoggerPort {
  debug(message: string, ...extra: object[]): void;
  info(message: string, ...extra: object[]): void;
  warn(message: string, ...extra: object[]): void;
  error(message: string, ...extra: object[]): void;
}

/** A logger that drops everything (tests, `--quiet`). */
export const silentLogger: LoggerPort = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
};
