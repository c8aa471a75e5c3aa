// All of our Better Auth hooks, in order. Hooks run on every path into an auth endpoint, HTTP or
// auth.api.* from server code, which is why these controls live here and not around the HTTP route.
import { createAuthMiddleware } from "better-auth/api";
import type { HookCtx } from "./auth-user";
import { endInactiveUserSessionsBefore } from "./deactivated-user";
import { endpointAllowlistBefore } from "./endpoint-allowlist";
import { userInputBefore } from "./user-input";
import { passwordPolicyBefore } from "./password-policy-hook";
import { passwordResetBefore } from "./password-reset";
import { noteSessionBeforeMfaChange, rotateOnMfaChangeAfter, rotateOnPasswordChangeBefore } from "./session-rotation";
import { signInThrottleAfter, signInThrottleBefore } from "./sign-in-throttle";
import { totpReplayAfter, totpReplayBefore } from "./totp-replay-guard";

type Hook = (ctx: HookCtx) => Promise<unknown>;

/** Runs each hook; the last one that returns something (a context change) decides the result. */
function chain(hooks: Hook[]) {
  return createAuthMiddleware(async (ctx) => {
    let result: unknown;
    for (const hook of hooks) {
      const r = await hook(ctx as unknown as HookCtx);
      if (r !== undefined) result = r;
    }
    return result as never;
  });
}

export const authHooks = {
  before: chain([
    endpointAllowlistBefore,
    userInputBefore,
    endInactiveUserSessionsBefore,
    passwordPolicyBefore,
    signInThrottleBefore,
    passwordResetBefore,
    totpReplayBefore,
    rotateOnPasswordChangeBefore,
    noteSessionBeforeMfaChange,
  ]),
  after: chain([signInThrottleAfter, totpReplayAfter, rotateOnMfaChangeAfter]),
};
