// Session lifetimes (S3), read by the auth library's configuration (better-auth.ts) and by getActor, which
// applies them on every request without loading the library.

/** Idle lifetime: a session unused for this long expires (each use slides it, at most every refresh). */
export const SESSION_IDLE_SECONDS = 60 * 60 * 12;
export const SESSION_REFRESH_SECONDS = 60 * 15;
/** Absolute lifetime, enforced in getActor: after this, sign in again however active the session is. */
export const SESSION_ABSOLUTE_SECONDS = 60 * 60 * 24 * 7;
