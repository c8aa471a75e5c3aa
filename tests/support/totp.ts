// Real TOTP codes from the enrolment URI, computed the way an authenticator app does.
import { base32 } from "@better-auth/utils/base32";
import { createOTP } from "@better-auth/utils/otp";

export function secretFromUri(totpURI: string): Uint8Array {
  const secret = new URL(totpURI).searchParams.get("secret");
  if (!secret) throw new Error("no secret in TOTP URI");
  return base32.decode(secret);
}

/** The code for the current 30-second step, or a neighbouring one (offset -1/+1 stays within the window). */
export async function totpCode(secret: Uint8Array, stepOffset = 0): Promise<string> {
  const counter = Math.floor(Date.now() / 30_000) + stepOffset;
  return createOTP(secret).hotp(counter);
}
