/**
 * Back to the production defaults (30 writes, 60 reads per minute, 5 failed sign-ins per 10 minutes,
 * 10 password reset requests per address and 3 per e-mail address an hour, 20 new passwords judged per
 * account per 15 minutes).
 */
export function applyDefaultRateLimits(): void {
  for (const key of [
    "RATE_LIMIT_WRITES_PER_MIN",
    "RATE_LIMIT_READS_PER_MIN",
    "RATE_LIMIT_ANON_PER_MIN",
    "RATE_LIMIT_GLOBAL_PER_SEC",
    "RATE_LIMIT_GLOBAL_ANON_PER_SEC",
    "RATE_LIMIT_ANON_OTHER_PER_SEC",
    "SIGN_IN_MAX_FAILURES",
    "SIGN_IN_WINDOW_SEC",
    "PASSWORD_RESET_PER_IP_PER_HOUR",
    "PASSWORD_RESET_PER_EMAIL_PER_HOUR",
    "PASSWORD_CHECKS_PER_ACCOUNT",
  ]) {
    delete process.env[key];
  }
}
