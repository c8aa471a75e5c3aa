// Webhooks cannot be aimed at the server's own network (request forgery): with private destinations
// refused (the production default), saving such a URL is a 400 and a delivery to one never leaves.
process.env.WEBHOOK_ALLOW_PRIVATE = "false";

import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { postWebhook } from "@/lib/webhooks/post-webhook";
import { callJson } from "../support/api";
import { createOrg, signIn } from "../support/factory";

describe("webhook destinations (S9 notifications, request forgery)", () => {
  it("an admin cannot save a webhook that points at loopback, private or metadata addresses", async () => {
    const org = await createOrg("ssrf");
    const admin = await signIn(org.admin);
    for (const url of ["http://127.0.0.1:5432/", "http://169.254.169.254/latest/meta-data/", "http://10.0.0.5/hook", "http://localhost:6379/"]) {
      const res = await callJson("PUT", "/api/admin/webhook", { cookie: admin, body: { url, secret: "s".repeat(32), active: true } });
      expect(res.status, url).toBe(400);
      expect(JSON.stringify(res.body), url).toContain("public address");
    }
  });

  it("a delivery to a private address is refused before any connection is made", async () => {
    let hits = 0;
    const receiver = createServer((_req, res) => {
      hits += 1;
      res.end("ok");
    });
    await new Promise<void>((r) => receiver.listen(0, "127.0.0.1", r));
    try {
      const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
      const result = await postWebhook({ url, secret: "s".repeat(32) }, { id: "d1", event: "test", body: "{}" }, new Date());
      expect(result.ok).toBe(false);
      expect(result.error).toMatch(/not a public address/);
      expect(hits).toBe(0);
    } finally {
      await new Promise((r) => receiver.close(r));
    }
  });
});
