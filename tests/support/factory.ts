// A fresh organization per test (STYLE.md 8): admin, two agents, two requesters, a team, SLA policies.
// Tests never share tenants, so they run in parallel on one database. Works on the database directly
// because it creates tenants, which no scoped path can do.
import { randomUUID } from "node:crypto";
import { hashPassword } from "better-auth/crypto";
import { eq } from "drizzle-orm";
import { db } from "@/db/client";
import * as schema from "@/db/schema";
import type { TRole } from "@/db/schema/enums";
import { callJson, ORIGIN } from "./api";

export const TEST_PASSWORD = "correct-horse-battery-staple";
let passwordHash: Promise<string> | undefined;

export interface TestUser {
  id: string;
  email: string;
  role: TRole;
  orgId: string;
}

export interface TestOrg {
  id: string;
  slug: string;
  admin: TestUser;
  agent: TestUser;
  agent2: TestUser;
  requester: TestUser;
  requester2: TestUser;
  teamId: string;
}

export async function createUser(orgId: string, slug: string, local: string, role: TRole): Promise<TestUser> {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const id = randomUUID();
  const email = `${local}@${slug}.test`;
  await db()
    .insert(schema.users)
    .values({ id, email, name: `${local} ${slug}`, role, organizationId: orgId, emailVerified: true });
  await db()
    .insert(schema.accounts)
    .values({ id: randomUUID(), accountId: id, providerId: "credential", userId: id, password: await passwordHash });
  return { id, email, role, orgId };
}

export async function createOrg(label = "org"): Promise<TestOrg> {
  const slug = `${label}-${randomUUID().slice(0, 8)}`;
  const [org] = await db().insert(schema.organizations).values({ name: label, slug }).returning();
  const orgId = org!.id;
  const [admin, agent, agent2, requester, requester2] = await Promise.all([
    createUser(orgId, slug, "admin", "admin"),
    createUser(orgId, slug, "agent", "agent"),
    createUser(orgId, slug, "agent2", "agent"),
    createUser(orgId, slug, "requester", "requester"),
    createUser(orgId, slug, "requester2", "requester"),
  ]);
  const [team] = await db().insert(schema.teams).values({ organizationId: orgId, name: "Support" }).returning();
  await db()
    .insert(schema.slaPolicies)
    .values([
      { organizationId: orgId, priority: "urgent", firstResponseMinutes: 30, resolutionMinutes: 240 },
      { organizationId: orgId, priority: "high", firstResponseMinutes: 120, resolutionMinutes: 1440 },
      { organizationId: orgId, priority: "normal", firstResponseMinutes: 480, resolutionMinutes: 4320 },
      { organizationId: orgId, priority: "low", firstResponseMinutes: 1440, resolutionMinutes: 10080 },
    ]);
  return { id: orgId, slug, admin: admin!, agent: agent!, agent2: agent2!, requester: requester!, requester2: requester2!, teamId: team!.id };
}

/** Signs in through the real Better Auth endpoint and returns the Cookie header for later requests. */
export async function signIn(user: Pick<TestUser, "email">, password = TEST_PASSWORD): Promise<string> {
  const res = await callJson("POST", "/api/auth/sign-in/email", { body: { email: user.email, password }, headers: { origin: ORIGIN } });
  if (res.status !== 200) throw new Error(`sign-in failed for ${user.email}: ${res.status} ${JSON.stringify(res.body)}`);
  const setCookie = res.headers.getSetCookie();
  const cookie = setCookie.map((c) => c.split(";")[0]).join("; ");
  if (!cookie) throw new Error("no session cookie set");
  return cookie;
}

export async function setUserActive(userId: string, active: boolean) {
  await db().update(schema.users).set({ active }).where(eq(schema.users.id, userId));
}
