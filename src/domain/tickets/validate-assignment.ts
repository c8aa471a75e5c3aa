import { roleCan } from "@/auth/permissions";
import type { Scoped } from "@/db/scoped";
import { InvalidField } from "@/lib/errors";

/**
 * Assignee and team ids from the client are looked up inside the actor's organization (S20). An id from
 * another organization is indistinguishable from one that does not exist: both are a 400 naming the field
 * (under `at`, when the ids sit inside a larger body: a macro's `changes.`).
 */
export async function validateAssignment(s: Scoped, input: { assigneeId?: string | null; teamId?: string | null }, at = "") {
  if (input.assigneeId) {
    const assignee = await s.users.find(input.assigneeId);
    if (!assignee?.active || !roleCan(assignee.role, "tickets.be_assigned")) {
      throw InvalidField(`${at}assigneeId`, "Assignee must be an active agent or admin of your organization");
    }
  }
  if (input.teamId) {
    const team = await s.teams.find(input.teamId);
    if (!team) throw InvalidField(`${at}teamId`, "Team not found in your organization");
  }
}

export async function validateRequester(s: Scoped, requesterId: string) {
  const requester = await s.users.find(requesterId);
  if (!requester?.active) throw InvalidField("requesterId", "Requester not found in your organization");
}
