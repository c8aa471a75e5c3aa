import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger } from "./logger";

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  process.env.LOG_LEVEL = "info";
  const log = createLogger(stream);
  delete process.env.LOG_LEVEL;
  return { log, lines };
}

describe("structured logs (S13)", () => {
  it("writes one JSON object per line with level and time", () => {
    const { log, lines } = capture();
    log.info({ event: "http.request", requestId: "r-1", status: 200 }, "request");
    const entry = JSON.parse(lines[0]!);
    expect(entry).toMatchObject({ level: "info", event: "http.request", requestId: "r-1", status: 200, msg: "request" });
    expect(typeof entry.time).toBe("string");
  });

  it("redacts passwords, tokens, cookies, authorization headers, emails and bodies", () => {
    const { log, lines } = capture();
    log.info({
      password: "hunter2hunter2",
      user: { email: "a@b.test", password: "p" },
      req: { headers: { cookie: "session=abc", authorization: "Bearer xyz" } },
      token: "tok-9f8e7d",
      input: { bodyMd: "private text", token: "tok-2b3c4d" },
      BETTER_AUTH_SECRET: "s3cret",
    });
    const line = lines[0]!;
    for (const secret of ["hunter2hunter2", "a@b.test", "session=abc", "Bearer xyz", "tok-9f8e7d", "private text", "tok-2b3c4d", "s3cret"]) {
      expect(line).not.toContain(secret);
    }
    expect(line).toContain("[redacted]");
  });
});
