// POST /api/admin/users/{id}/erase (issue 14): an admin erases a person on their request — a requester, or
// a staff member who was deactivated first (an active agent or admin is a 409: take their access away
// before their history). In one transaction: their access (sessions, accounts, MFA, device cookies, reset
// and invite links), their texts (comments, the descriptions of their tickets, uploaded files, raw mail),
// every mention of their name or address left in the organization's tables, every finished export (any of
// them may hold them), and the audit trail, which the database redacts and seals so that the chain still
// verifies (docs/decisions/erasure-and-the-audit-chain.md). The files go after the commit. The audit record
// is "person.erased", written by the database, naming no one: the user id it keeps is all that is left.
import { requirePermission, type Actor } from "@/auth/actor";
import { roleCan } from "@/auth/permissions";
import { inTenantTransaction } from "@/db/scoped";
import { now } from "@/lib/clock";
import { Conflict, NotFound } from "@/lib/errors";
import { personalNeedles } from "./personal-needles";
import { removeStoredObjects } from "./remove-stored-objects";

export async function erasePerson(actor: Actor, userId: string) {
  requirePermission(actor, "users.erase");
  if (userId === actor.userId) throw Conflict("You cannot erase yourself");
  const done = await inTenantTransaction(actor, async (s) => {
    const person = await s.erasure.person(userId);
    if (!person) throw NotFound("User");
    if (person.erasedAt) throw Conflict("This person has already been erased");
    if (person.active && roleCan(person.role, "tickets.be_assigned")) {
      throw Conflict("Deactivate this staff member before erasing them: an active agent or admin cannot be erased");
    }
    const needles = personalNeedles(person);
    await s.erasure.removeAccess(userId, person.email);
    const texts = await s.erasure.eraseTexts(userId, person.email);
    const exportFiles = await s.erasure.removeExports();
    const mentions = await s.erasure.sweep(needles);
    // Last: the database reads the name and address it erases from the row before it is anonymised, and
    // holds the chain's head lock only from here to the commit.
    const audit = await s.erasure.redactAudit(userId);
    await s.erasure.anonymise(userId, now());
    return {
      files: [...texts.files, ...exportFiles],
      summary: {
        id: userId,
        erased: true,
        comments: texts.comments,
        tickets: texts.tickets,
        exportsRemoved: exportFiles.length,
        mentionsReplaced: mentions,
        auditEventsRedacted: audit.redacted,
      },
    };
  });
  await removeStoredObjects(done.files);
  return done.summary;
}
