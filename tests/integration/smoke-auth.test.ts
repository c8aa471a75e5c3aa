import { describe, expect, it } from "vitest";
import { callJson } from "../support/api";
import { createOrg, signIn } from "../support/factory";

describe("sign-in", () => {
  it("a seeded user signs in and /api/me returns the actor from the session", async () => {
    const org = await createOrg("smoke");
    const cookie = await signIn(org.agent);
    const me = await callJson("GET", "/api/me", { cookie });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: org.agent.id, role: "agent", organizationId: org.id });
  });
});
