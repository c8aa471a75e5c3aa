// Password-reset tokens at rest (issue 12). Better Auth keeps each reset link's token in its
// verification table under the identifier "reset-password:<token>"; stored as is, a read of that table
// would hand out a working reset link for every account that asked. We store a SHA-256 of it instead,
// under a prefix of its own: the library also looks an identifier up unhashed (to migrate plain rows),
// and a distinct prefix means a stolen hash, sent back as a token, matches nothing.
import { createHash } from "node:crypto";

/** The identifier prefix the library uses for reset tokens. */
export const RESET_IDENTIFIER_PREFIX = "reset-password:";
/** What we store instead: this prefix and the SHA-256 of the library's identifier. */
export const STORED_RESET_PREFIX = "reset-password-sha256:";

export async function hashResetIdentifier(identifier: string): Promise<string> {
  return `${STORED_RESET_PREFIX}${createHash("sha256").update(identifier).digest("hex")}`;
}

/** For Better Auth's `verification.storeIdentifier`: reset tokens hashed, everything else as the library keeps it. */
export const VERIFICATION_STORAGE = {
  default: "plain" as const,
  overrides: { [RESET_IDENTIFIER_PREFIX]: { hash: hashResetIdentifier } },
};
