// Teams and their members (S17): admin only, tenant-scoped, every change audited in its transaction.
import { requirePermission, type Actor } from "@/auth/actor";
import { inTenantTransaction, scoped, type Scoped } from "@/db/scoped";
import { isUniqueViolation } from "@/db/unique-violation";
import { AppError, Conflict, Invalid, NotFound } from "@/lib/errors";
import type { TSetTeamMembers, TTeamName } from "./admin.schemas";

async function withTeamMembers(s: Scoped, teamList: { id: string; name: string; createdAt: Date }[]) {
  const members = await s.teams.members(teamList.map((t) => t.id));
  return teamList.map((t) => ({
    id: t.id,
    name: t.name,
    createdAt: t.createdAt.toISOString(),
    members: members.filter((m) => m.teamId === t.id).map((m) => ({ id: m.id, name: m.name, role: m.role, active: m.active })),
  }));
}

const duplicateName = () => Conflict("A team with this name already exists");

async function mapDuplicate<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (!(e instanceof AppError) && isUniqueViolation(e)) throw duplicateName();
    throw e;
  }
}

export async function listTeams(actor: Actor) {
  requirePermission(actor, "teams.manage");
  const s = scoped(actor);
  // An organization has a handful of teams; the list is bounded by what an admin creates.
  return { items: await withTeamMembers(s, await s.teams.list()), nextCursor: null };
}

export async function createTeam(actor: Actor, input: TTeamName) {
  requirePermission(actor, "teams.manage");
  return mapDuplicate(
    inTenantTransaction(actor, async (s) => {
      const team = await s.teams.insert(input.name);
      await s.audit.record({ action: "team.created", targetType: "team", targetId: team.id, data: { name: team.name } });
      return (await withTeamMembers(s, [team]))[0]!;
    }),
  );
}

export async function renameTeam(actor: Actor, teamId: string, input: TTeamName) {
  requirePermission(actor, "teams.manage");
  return mapDuplicate(
    inTenantTransaction(actor, async (s) => {
      const before = await s.teams.find(teamId);
      if (!before) throw NotFound("Team");
      const team = await s.teams.rename(teamId, input.name);
      if (!team) throw NotFound("Team");
      await s.audit.record({ action: "team.renamed", targetType: "team", targetId: team.id, data: { name: { from: before.name, to: team.name } } });
      return (await withTeamMembers(s, [team]))[0]!;
    }),
  );
}

export async function deleteTeam(actor: Actor, teamId: string) {
  requirePermission(actor, "teams.manage");
  return inTenantTransaction(actor, async (s) => {
    const team = await s.teams.find(teamId);
    if (!team) throw NotFound("Team");
    const removed = await s.teams.remove(teamId);
    if (!removed) throw NotFound("Team");
    await s.audit.record({
      action: "team.deleted",
      targetType: "team",
      targetId: teamId,
      data: { name: team.name, unassignedTickets: removed.unassignedTickets },
    });
    return { id: teamId, deleted: true, unassignedTickets: removed.unassignedTickets };
  });
}

/**
 * Replaces a team's members. Only active agents and admins of the same organization can be members
 * (S20): any other id — another tenant's user, a requester, a deactivated user, an unknown id — is a
 * 400 naming the ids, and nothing changes.
 */
export async function setTeamMembers(actor: Actor, teamId: string, input: TSetTeamMembers) {
  requirePermission(actor, "teams.manage");
  const userIds = [...new Set(input.userIds)];
  return inTenantTransaction(actor, async (s) => {
    const team = await s.teams.find(teamId);
    if (!team) throw NotFound("Team");
    const allowed = new Set(await s.teams.activeStaffAmong(userIds));
    const invalidIds = userIds.filter((id) => !allowed.has(id));
    if (invalidIds.length > 0) {
      const message = `Only active agents and admins of this organization can be team members; not allowed: ${invalidIds.join(", ")}`;
      throw Invalid(
        message,
        invalidIds.map((id) => ({ path: `userIds.${userIds.indexOf(id)}`, message: `${id} is not an active agent or admin of this organization` })),
      );
    }
    const { added, removed } = await s.teams.setMembers(teamId, userIds);
    await s.audit.record({ action: "team.members_set", targetType: "team", targetId: teamId, data: { added, removed, count: userIds.length } });
    return (await withTeamMembers(s, [team]))[0]!;
  });
}
