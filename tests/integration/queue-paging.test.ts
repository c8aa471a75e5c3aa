// Issue 11, "a queue that keeps your place": Previous as well as Next. `before` walks back exactly the pages
// `cursor` walked forward, in both orders (newest first and due soonest), inside the caller's visibility.
import { beforeAll, describe, expect, it } from "vitest";
import { callJson } from "../support/api";
import { createOrg, signIn, type TestOrg } from "../support/factory";
import { createTicketAs } from "../support/tickets";

let org: TestOrg;
let agent = "";
let requester = "";

beforeAll(async () => {
  org = await createOrg("paging");
  [agent, requester] = await Promise.all([signIn(org.agent), signIn(org.requester)]);
  const requester2 = await signIn(org.requester2);
  // Different priorities give different deadlines, so "due soonest" is not the creation order.
  for (let i = 0; i < 7; i++) {
    await createTicketAs(agent, { title: `Mine ${i}`, requesterId: org.requester.id, priority: (["low", "normal", "high", "urgent"] as const)[i % 4] });
  }
  for (let i = 0; i < 3; i++) await createTicketAs(requester2, { title: `Theirs ${i}` });
});

type Page = { items: { id: string }[]; nextCursor: string | null; prevCursor: string | null };
const get = async (cookie: string, qs: string): Promise<Page> => {
  const res = await callJson("GET", `/api/tickets?${qs}`, { cookie });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
};
const ids = (p: Page) => p.items.map((t) => t.id);

for (const order of ["", "sort=due&"]) {
  describe(`Previous and Next (${order ? "due soonest" : "newest first"})`, () => {
    it("walking forward with cursor and back with before visits the same pages; the first page has no Previous", async () => {
      const all = ids(await get(agent, `${order}limit=100`));
      expect(all).toHaveLength(10);
      const forward: Page[] = [await get(agent, `${order}limit=3`)];
      while (forward.at(-1)!.nextCursor) forward.push(await get(agent, `${order}limit=3&cursor=${forward.at(-1)!.nextCursor}`));
      expect(forward.map(ids)).toEqual([all.slice(0, 3), all.slice(3, 6), all.slice(6, 9), all.slice(9)]);
      expect(forward[0]!.prevCursor).toBeNull();
      expect(forward.slice(1).every((p) => p.prevCursor)).toBe(true);

      // Back from the last page: each Previous is the page before, ending on a first page without Previous.
      let page = forward.at(-1)!;
      const backward: string[][] = [];
      while (page.prevCursor) {
        page = await get(agent, `${order}limit=3&before=${page.prevCursor}`);
        backward.push(ids(page));
        expect(page.nextCursor).not.toBeNull();
      }
      expect(backward).toEqual([all.slice(6, 9), all.slice(3, 6), all.slice(0, 3)]);
    });

    it("Previous from a page that starts mid-way shows a full first page, not the one or two rows left", async () => {
      const all = ids(await get(agent, `${order}limit=100`));
      const fromOne = await get(agent, `${order}limit=1`);
      const second = await get(agent, `${order}limit=3&cursor=${fromOne.nextCursor}`);
      expect(ids(second)).toEqual(all.slice(1, 4));
      const back = await get(agent, `${order}limit=3&before=${second.prevCursor}`);
      expect(ids(back)).toEqual(all.slice(0, 3));
      expect(back.prevCursor).toBeNull();
    });

    it("a requester pages back and forth through their own tickets only (newest first: due order is staff data, F6)", async () => {
      if (order) {
        expect((await callJson("GET", `/api/tickets?${order}limit=4`, { cookie: requester })).status).toBe(403);
        return;
      }
      const first = await get(requester, `${order}limit=4`);
      const second = await get(requester, `${order}limit=4&cursor=${first.nextCursor}`);
      const back = await get(requester, `${order}limit=4&before=${second.prevCursor}`);
      expect(ids(back)).toEqual(ids(first));
      expect([...ids(first), ...ids(second)]).toHaveLength(7);
    });
  });
}

describe("bad positions", () => {
  it("both cursor and before, a tampered before or a cursor of the other order are 400", async () => {
    const p = await get(agent, "limit=2");
    const due = await get(agent, "sort=due&limit=2");
    for (const qs of [`cursor=${p.nextCursor}&before=${p.nextCursor}`, "before=not-a-cursor", `before=${due.nextCursor}`, `sort=due&before=${p.nextCursor}`]) {
      expect((await callJson("GET", `/api/tickets?${qs}`, { cookie: agent })).status, qs).toBe(400);
    }
  });
});
