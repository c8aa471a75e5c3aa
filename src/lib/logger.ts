// Structured JSON logs (S13). Secrets and personal data are redacted by path, wherever they appear.
import pino from "pino";

export const REDACT_PATHS = [
  "password",
  "*.password",
  "*.newPassword",
  "*.currentPassword",
  "token",
  "*.token",
  "secret",
  "*.secret",
  "cookie",
  "*.cookie",
  "*.cookies",
  "authorization",
  "*.authorization",
  "headers.cookie",
  "headers.authorization",
  "req.headers.cookie",
  "req.headers.authorization",
  "*.headers.cookie",
  "*.headers.authorization",
  '*.headers["set-cookie"]',
  "email",
  "*.email",
  "body",
  "*.body",
  "*.bodyMd",
  "*.descriptionMd",
  "DATABASE_URL",
  "*.DATABASE_URL",
  "BETTER_AUTH_SECRET",
  "*.BETTER_AUTH_SECRET",
];

export function createLogger(destination?: pino.DestinationStream) {
  return pino(
    {
      level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "silent" : "info"),
      base: { service: "helpdesk" },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: "[redacted]" },
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
}

export type Logger = pino.Logger;

const globalForLogger = globalThis as unknown as { helpdeskLogger?: Logger };
globalForLogger.helpdeskLogger ??= createLogger();
export const logger: Logger = globalForLogger.helpdeskLogger;
