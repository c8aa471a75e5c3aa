// Issue 12 (F2): in production an invitation goes by e-mail or not at all. Without SMTP_URL the invite is
// refused (503) and nothing is written — never a link handed to the admin instead, which would let them
// claim the address. Outside production, without e-mail, the link is shown to the admin (development).
process.env.APP_ENV = "production";
process.env.APP_URL = "https://help.example.test";
delete process.env.SMTP_URL;

import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "@/auth/actor";
import { db } from "@/db/client";
import { adminInvites, outboxMessages, users } from "@/db/schema";
import { inviteUser } from "@/domain/admin/invite-user";
import { createOrg, type TestOrg } from "../support/factory";

let org: TestOrg;
beforeAll(async () => {
  org = await createOrg("invite-no-mail");
});

const admin = (): Actor => ({
  userId: org.admin.id,
  orgId: org.id,
  role: "admin",
  name: "admin",
  sessionId: "",
  mfaEnabled: true,
  mfaRequired: false,
  ip: null,
  userAgent: null,
});

describe("invitations without e-mail in production (issue 12, F2)", () => {
  it("are refused with 503 and write nothing", async () => {
    const email = `nomail-${org.slug}@example.test`;
    await expect(inviteUser(admin(), { name: "No Mail", email, role: "agent" })).rejects.toMatchObject({ kind: "unavailable" });
    expect(await db().select().from(users).where(eq(users.email, email))).toHaveLength(0);
    expect(await db().select().from(adminInvites).where(eq(adminInvites.organizationId, org.id))).toHaveLength(0);
    expect(await db().select().from(outboxMessages).where(eq(outboxMessages.organizationId, org.id))).toHaveLength(0);
  });
});
