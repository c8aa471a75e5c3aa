// The ONE tenant-scoped data access (DESIGN.md rule 2). Every read and write of tenant data in the domain
// goes through `scoped(actor)`, whose sections add the actor's organization (and, for requesters, their
// own tickets only — visibility.ts) to the WHERE clause themselves. Another tenant's id therefore matches
// no row: a 404, decided in SQL, never fetch-then-compare. Crossing tenants is only possible in files
// named unsafe-*.ts.
//
// One file per section, listed here by name (issue 10 item 1): `s.webhook` is the `webhook` getter below,
// built by webhook.ts. A section is built the first time a request uses it and kept for that scope, so a
// request that reads one ticket does not build sixteen sections.
import type { Actor } from "@/auth/actor";
import { db, type DbOrTx } from "../client";
import { activityQueries } from "./activity";
import { attachmentQueries } from "./attachments";
import { auditQueries } from "./audit";
import { commentQueries } from "./comments";
import { erasureQueries } from "./erasure";
import { exportQueries } from "./exports";
import { inboundMailQueries } from "./inbound-mail";
import { inviteQueries } from "./invites";
import { liveEventQueries } from "./live-events";
import { macroQueries } from "./macros";
import { mailboxQueries } from "./mailboxes";
import { mailDomainQueries } from "./mail-domains";
import { mailMessageQueries } from "./mail-messages";
import { notificationQueries } from "./notifications";
import { organizationQueries } from "./organization";
import { outboxQueries } from "./outbox";
import { myPreferenceQueries } from "./preferences";
import { recipientQueries } from "./recipients";
import { reportQueries } from "./reports";
import { mySessionQueries } from "./sessions";
import { satisfactionQueries } from "./satisfaction";
import { slaQueries } from "./sla";
import { slaPolicyQueries } from "./sla-policies";
import { tagQueries } from "./tags";
import { teamQueries } from "./teams";
import { ticketQueries } from "./tickets";
import { userQueries } from "./users";
import { viewQueries } from "./views";
import { webhookQueries } from "./webhook";

export { ticketColumns, ticketVisibility, type KeysetCursor, type VisibleTicket } from "./visibility";
export type { ActivityEntry } from "./activity";
export type { AuditInput } from "./audit";
export { ERASED_TEXT, type StoredObject } from "./erasure";
export type { MacroValues } from "./macros";
export type { MailMessageInput } from "./mail-messages";
export type { InboundInput, InboundOutcome } from "./inbound-mail";
export type { MailboxRow, MailboxValues } from "./mailboxes";
export type { DailySatisfaction } from "./satisfaction";
export type { BacklogRow, DailyRow, DurationRow, RollupFilter } from "./reports";
export type { RankCursor, RankedSearch, RankExpression, SearchColumns } from "./tickets";

type SectionBuilder<T> = (actor: Actor, conn: DbOrTx) => T;

class TenantScope {
  private readonly built = new Map<SectionBuilder<unknown>, unknown>();

  constructor(
    readonly actor: Actor,
    private readonly conn: DbOrTx,
  ) {}

  /** The section `build` makes for this actor and connection, built on first use and then reused. */
  private section<T>(build: SectionBuilder<T>): T {
    if (!this.built.has(build)) this.built.set(build, build(this.actor, this.conn));
    return this.built.get(build) as T;
  }

  get tickets() {
    return this.section(ticketQueries);
  }
  get activity() {
    return this.section(activityQueries);
  }
  get tags() {
    return this.section(tagQueries);
  }
  get views() {
    return this.section(viewQueries);
  }
  get comments() {
    return this.section(commentQueries);
  }
  get attachments() {
    return this.section(attachmentQueries);
  }
  get users() {
    return this.section(userQueries);
  }
  get myPreferences() {
    return this.section(myPreferenceQueries);
  }
  get teams() {
    return this.section(teamQueries);
  }
  get slaPolicies() {
    return this.section(slaPolicyQueries);
  }
  get sla() {
    return this.section(slaQueries);
  }
  get notifications() {
    return this.section(notificationQueries);
  }
  get outbox() {
    return this.section(outboxQueries);
  }
  get recipients() {
    return this.section(recipientQueries);
  }
  get webhook() {
    return this.section(webhookQueries);
  }
  get exports() {
    return this.section(exportQueries);
  }
  get invites() {
    return this.section(inviteQueries);
  }
  get liveEvents() {
    return this.section(liveEventQueries);
  }
  get macros() {
    return this.section(macroQueries);
  }
  get mailboxes() {
    return this.section(mailboxQueries);
  }
  get mailDomains() {
    return this.section(mailDomainQueries);
  }
  get inboundMail() {
    return this.section(inboundMailQueries);
  }
  get mailMessages() {
    return this.section(mailMessageQueries);
  }
  get audit() {
    return this.section(auditQueries);
  }
  get mySessions() {
    return this.section(mySessionQueries);
  }
  get organization() {
    return this.section(organizationQueries);
  }
  get erasure() {
    return this.section(erasureQueries);
  }
  get satisfaction() {
    return this.section(satisfactionQueries);
  }
  get reports() {
    return this.section(reportQueries);
  }
}

/** What `scoped()` gives the domain: the actor and every section by name (the public surface only). */
export type Scoped = Pick<TenantScope, keyof TenantScope>;

export function scoped(actor: Actor, conn: DbOrTx = db()): Scoped {
  return new TenantScope(actor, conn);
}

/** One transaction per change: the callback's writes, SLA updates and audit events commit together. */
export async function inTenantTransaction<T>(actor: Actor, work: (s: Scoped) => Promise<T>): Promise<T> {
  return db().transaction(async (tx) => work(scoped(actor, tx)));
}
