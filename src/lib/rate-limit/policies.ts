// Every rate limit in one table (S1, S8). Numbers come from the environment so operators can tune them.
import { env } from "@/lib/env";

export type PolicyName =
  | "api.write"
  | "api.read"
  | "api.presence"
  | "api.anonymous"
  | "api.global"
  | "api.global_anonymous"
  | "anonymous.other"
  | "sign_in.ip"
  | "sign_in.account"
  | "sign_in.refusal_audited"
  | "password_reset.ip"
  | "password_reset.email"
  | "password_check.account"
  | "smtp.ip"
  | "smtp.ip_mail"
  | "smtp.sender";

export interface Policy {
  name: PolicyName;
  points: number;
  durationSec: number;
  description: string;
}

/** The table of the current settings: made once per parsed environment (tests reset it), not per request. */
const tables = new WeakMap<object, Record<PolicyName, Policy>>();

export function policies(): Record<PolicyName, Policy> {
  const e = env();
  let table = tables.get(e);
  if (!table) {
    table = policyTable(e);
    tables.set(e, table);
  }
  return table;
}

function policyTable(e: ReturnType<typeof env>): Record<PolicyName, Policy> {
  return {
    "api.write": { name: "api.write", points: e.RATE_LIMIT_WRITES_PER_MIN, durationSec: 60, description: "ticket/comment writes per user" },
    "api.read": { name: "api.read", points: e.RATE_LIMIT_READS_PER_MIN, durationSec: 60, description: "list/search/read per user" },
    // Issue 11: "Sam is viewing" heartbeats and replying/viewing switches of open ticket pages.
    "api.presence": {
      name: "api.presence",
      points: e.RATE_LIMIT_PRESENCE_PER_MIN,
      durationSec: 60,
      description: "presence signals (viewing, replying) per user",
    },
    "api.anonymous": { name: "api.anonymous", points: e.RATE_LIMIT_ANON_PER_MIN, durationSec: 60, description: "requests without a session, per IP" },
    "api.global": {
      name: "api.global",
      points: e.RATE_LIMIT_GLOBAL_PER_SEC,
      durationSec: 1,
      description: "all requests of signed-in users, to protect the database",
    },
    "api.global_anonymous": {
      name: "api.global_anonymous",
      points: e.RATE_LIMIT_GLOBAL_ANON_PER_SEC,
      durationSec: 1,
      description: "all requests without a session: their own bucket, so they cannot crowd out signed-in users",
    },
    // Decided in process only, by the anonymous gate in front of Next (src/http/anonymous-gate.ts): the
    // paths no budget above meters (static files, /api/auth, health, readiness, metrics) still get a
    // ceiling per address, so a flood cannot pick them as its way in.
    "anonymous.other": {
      name: "anonymous.other",
      points: e.RATE_LIMIT_ANON_OTHER_PER_SEC,
      durationSec: 1,
      description: "requests without a session to static files, /api/auth, health, readiness and metrics, per IP",
    },
    "sign_in.ip": { name: "sign_in.ip", points: e.SIGN_IN_MAX_FAILURES, durationSec: e.SIGN_IN_WINDOW_SEC, description: "failed sign-ins per IP" },
    "sign_in.account": {
      name: "sign_in.account",
      points: e.SIGN_IN_MAX_FAILURES,
      durationSec: e.SIGN_IN_WINDOW_SEC,
      description: "failed sign-ins per account",
    },
    // Not a limit on clients: one audit event per refused budget and window (issue 9 item 9, S12).
    "sign_in.refusal_audited": {
      name: "sign_in.refusal_audited",
      points: 1,
      durationSec: e.SIGN_IN_WINDOW_SEC,
      description: "one audit event per throttled credential budget and window",
    },
    // Issue 12: reset requests, whether the address exists or not. Per e-mail address it also keeps
    // anyone from flooding a mailbox with reset mails.
    "password_reset.ip": {
      name: "password_reset.ip",
      points: e.PASSWORD_RESET_PER_IP_PER_HOUR,
      durationSec: 3600,
      description: "password reset requests per IP",
    },
    "password_reset.email": {
      name: "password_reset.email",
      points: e.PASSWORD_RESET_PER_EMAIL_PER_HOUR,
      durationSec: 3600,
      description: "password reset requests per e-mail address",
    },
    // Issue 9 follow-up: judging a new password is the costliest thing an endpoint does before any other
    // budget applies (a refused password takes no guess), so each account has a budget of judgements.
    "password_check.account": {
      name: "password_check.account",
      points: e.PASSWORD_CHECKS_PER_ACCOUNT,
      durationSec: 900,
      description: "new passwords judged against the policy per account",
    },
    // The inbound SMTP listener (issue 12): connections and mails per client address, mails per envelope
    // sender. Mails per address too (attack pass b, B2): one connection changing MAIL FROM per message
    // went past the per-sender budget, and connections alone do not count the messages sent over each.
    "smtp.ip": { name: "smtp.ip", points: e.SMTP_LISTEN_PER_IP_PER_MIN, durationSec: 60, description: "SMTP connections per client address" },
    "smtp.ip_mail": { name: "smtp.ip_mail", points: e.SMTP_LISTEN_MAILS_PER_IP_PER_MIN, durationSec: 60, description: "SMTP mails per client address" },
    "smtp.sender": { name: "smtp.sender", points: e.SMTP_LISTEN_PER_SENDER_PER_MIN, durationSec: 60, description: "SMTP mails per envelope sender" },
  };
}
