// Signs in through the app's HTTP endpoint, like a browser would, and returns the Cookie header to send.
export async function signIn(baseUrl: string, appUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: appUrl },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`sign-in as ${email} failed: HTTP ${res.status} ${await res.text()}`);
  const cookies = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0]!)
    .filter((c) => c.includes("session_token"));
  if (cookies.length === 0) throw new Error("sign-in answered without a session cookie");
  return cookies.join("; ");
}

/** GET as the signed-in user; throws on a non-2xx answer. */
export async function getJson<T>(baseUrl: string, path: string, cookie: string): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, { headers: { cookie } });
  if (!res.ok) throw new Error(`GET ${path}: HTTP ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/**
 * A session for `userId` written straight into the bench database, and the cookie that carries it, signed
 * as the auth library signs it (src/auth/session-cookie.ts): for benches that need hundreds of signed-in
 * clients, where hundreds of password checks would only measure scrypt. Not production: development names.
 */
export async function mintSessionCookie(pool: import("pg").Pool, secret: string, userId: string): Promise<string> {
  const { createHmac, randomBytes } = await import("node:crypto");
  const token = randomBytes(24).toString("base64url");
  await pool.query("insert into sessions (id, token, user_id, expires_at) values ($1, $2, $3, now() + interval '1 day')", [
    randomBytes(16).toString("hex"),
    token,
    userId,
  ]);
  const signature = createHmac("sha256", secret).update(token).digest("base64");
  return `helpdesk.session_token=${encodeURIComponent(`${token}.${signature}`)}`;
}
