// How core reports progress: a small sink the front end provides (the action's
// @actions/core, the CLI's stderr, a test's array). Every line passes the secret
// mask first, so a token or a key never reaches a log.
import type { SecretMask } from "./secret-mask.ts";

export interface Logger {
  info(line: string): void;
  warn(line: string): void;
  debug(line: string): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, debug() {} };

export function maskingLogger(sink: Logger, mask: SecretMask): Logger {
  return {
    info: (line) => sink.info(mask.apply(line)),
    warn: (line) => sink.warn(mask.apply(line)),
    debug: (line) => sink.debug(mask.apply(line)),
  };
}
