// Issue 12: mail no person wrote is recognised by its headers and envelope, in every spelling we know.
import { describe, expect, it } from "vitest";
import { acceptanceRefusal } from "./acceptance";
import { automatedMailReason } from "./automated-mail";

const h = (entries: Record<string, string>) => new Map(Object.entries(entries).map(([k, v]) => [k.toLowerCase(), [v]]));

describe("automated mail (issue 12)", () => {
  const automated: [string, Parameters<typeof automatedMailReason>[0]][] = [
    ["Auto-Submitted: auto-replied", { headers: h({ "Auto-Submitted": "auto-replied" }) }],
    ["Auto-Submitted: auto-generated", { headers: h({ "Auto-Submitted": "Auto-Generated" }) }],
    ["Precedence: bulk", { headers: h({ Precedence: "bulk" }) }],
    ["Precedence: junk", { headers: h({ Precedence: "junk" }) }],
    ["Precedence: list", { headers: h({ Precedence: "List" }) }],
    ["X-Autoreply", { headers: h({ "X-Autoreply": "yes" }) }],
    ["X-Autorespond", { headers: h({ "X-Autorespond": "Out of office" }) }],
    ["List-Id", { headers: h({ "List-Id": "<announce.example.com>" }) }],
    ["null envelope sender", { headers: h({}), envelopeFrom: "" }],
    ["Return-Path: <>", { headers: h({ "Return-Path": "<>" }) }],
    ["MAILER-DAEMON", { headers: h({}), from: "MAILER-DAEMON@mx.example.com" }],
    ["postmaster", { headers: h({}), from: "postmaster@example.com" }],
    ["delivery report", { headers: h({ "Content-Type": 'multipart/report; report-type="delivery-status"' }) }],
  ];
  for (const [name, input] of automated) it(`ignores ${name}`, () => expect(automatedMailReason(input)).not.toBeNull());

  it("takes a person's mail, including Auto-Submitted: no", () => {
    expect(
      automatedMailReason({ headers: h({ "Auto-Submitted": "no", Precedence: "normal" }), envelopeFrom: "jane@example.com", from: "jane@example.com" }),
    ).toBeNull();
    expect(automatedMailReason({ headers: h({}), from: "jane@example.com" })).toBeNull();
  });
});

describe("acceptance rule (issue 12)", () => {
  it("anyone, known domains only, existing users only", () => {
    expect(acceptanceRefusal({ acceptance: "anyone", knownDomains: [] }, "a@x.test")).toBeNull();
    expect(acceptanceRefusal({ acceptance: "known_domains", knownDomains: ["x.test"] }, "a@X.test")).toBeNull();
    expect(acceptanceRefusal({ acceptance: "known_domains", knownDomains: ["x.test"] }, "a@evil.x.test.attacker.test")).toMatch(/not one of/);
    expect(acceptanceRefusal({ acceptance: "existing_users", knownDomains: ["x.test"] }, "a@x.test")).toMatch(/account/);
  });
});
