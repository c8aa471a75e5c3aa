// Issue 9 item 13 (S17), the timing door: inviting an address of another organization's account takes as
// long as inviting a fresh one, because it is the very same work (a pending row in the inviting
// organization). In the timing project, run alone: other files' password hashing beside it would be the
// very noise the comparison must not see (it failed once in the integration project under load).
import { beforeAll, describe, expect, it } from "vitest";
import { callJson } from "../support/api";
import { createOrg, createUser, signIn, type TestOrg } from "../support/factory";

let org: TestOrg;
let other: TestOrg;
let adminCookie: string;

beforeAll(async () => {
  [org, other] = await Promise.all([createOrg("invite-timing"), createOrg("invite-timing-other")]);
  adminCookie = await signIn(org.admin);
});

const rand = () => Math.random().toString(36).slice(2, 8);
const freshAddress = (label: string) => `${label}-${rand()}@fresh-${rand()}.test`;
const invite = (email: string) => callJson("POST", "/api/admin/users/invites", { cookie: adminCookie, body: { name: "Probe", email, role: "agent" } });

describe("an address of another organization is invited like a fresh one: timing (issue 9 item 13, S17)", () => {
  it("takes about as long as a fresh invite (the very same work)", async () => {
    const fresh: number[] = [];
    const taken: number[] = [];
    const elsewhere = await Promise.all(Array.from({ length: 12 }, (_, i) => createUser(other.id, other.slug, `timing-${i}-${rand()}`, "requester")));
    for (let i = 0; i < 12; i++) {
      for (const kind of i % 2 === 0 ? ["fresh", "taken"] : ["taken", "fresh"]) {
        const started = performance.now();
        const res = await invite(kind === "fresh" ? freshAddress(`t-${i}`) : elsewhere[i]!.email);
        expect(res.status).toBe(201);
        (kind === "fresh" ? fresh : taken).push(performance.now() - started);
      }
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    console.log("invite timing", { fresh: median(fresh), taken: median(taken) });
    expect(Math.abs(median(fresh) - median(taken))).toBeLessThan(Math.max(5, median(fresh) * 0.5));
  });
});
