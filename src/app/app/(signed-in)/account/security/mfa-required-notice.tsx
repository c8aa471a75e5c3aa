/** Why the user landed here: the MFA gate (S2) sends every other page to this one until they enrol. */
export function MfaRequiredNotice() {
  return (
    <div className="alert alert-warn mfa-required" role="note" aria-labelledby="mfa-required-title">
      <h2 id="mfa-required-title">Two-factor authentication is required</h2>
      <p>
        Your organization requires two-factor authentication for everyone. Set it up below to continue to the rest of Helpdesk; until then, this page is the
        only one available to you.
      </p>
    </div>
  );
}
