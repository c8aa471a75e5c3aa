// Request bodies are capped before they are parsed (S21): a declared length over the cap is refused at
// once, and a body without one is read only up to the cap.
import type { z } from "zod";
import { AppError, Invalid, TooLarge } from "@/lib/errors";
import { translator } from "@/components/messages/define";
import { VALIDATION_MESSAGES } from "@/components/messages/validation";
import { issueWords } from "@/lib/validation-words";
import { findUnsafeText, MAX_JSON_DEPTH, MULTI_LINE_MESSAGE, nestedDeeperThan } from "@/lib/text-input";

/** Refuses a body whose declared length is over the cap, without reading any of it. */
export function assertDeclaredLength(req: Request, maxBytes: number): void {
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw TooLarge(maxBytes);
}

export async function readBodyCapped(req: Request, maxBytes: number): Promise<Uint8Array> {
  assertDeclaredLength(req, maxBytes);
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read().catch(() => {
      // The client went away mid-body (a page closing as it sends): nobody to answer, nothing to log as a fault.
      throw Invalid("The request body did not arrive in full");
    });
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw TooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}

export function parseJsonBody<S extends z.ZodType>(req: Request, raw: Uint8Array, schema: S): z.infer<S> {
  const type = req.headers.get("content-type") ?? "";
  if (!type.toLowerCase().startsWith("application/json")) {
    throw new AppError("unsupported_media_type", "Send the body as application/json");
  }
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(raw).toString("utf8"));
  } catch {
    throw Invalid("Body is not valid JSON");
  }
  return parseWith(schema, data, "Invalid request body");
}

export function parseWith<S extends z.ZodType>(schema: S, data: unknown, message: string): z.infer<S> {
  // The floor for every boundary (issue 9 item 11): no control character or lone surrogate in any
  // string, whatever the schema says; single-line fields are stricter in their own schemas.
  if (nestedDeeperThan(data)) throw Invalid(`Request body is nested more than ${MAX_JSON_DEPTH} levels deep`);
  const unsafe = findUnsafeText(data);
  if (unsafe !== null) throw Invalid(message, [{ path: unsafe, message: MULTI_LINE_MESSAGE }]);
  // A schema's own message wins (zod: schema, then this parse's map); every other issue is worded by its rule.
  const result = schema.safeParse(data, { reportInput: true, error: (issue) => plainWords(issue as Parameters<typeof issueWords>[0]).message });
  if (!result.success) {
    throw Invalid(
      message,
      result.error.issues.map((i) => {
        const words = plainWords(i as Parameters<typeof issueWords>[0]);
        // The rule travels with the message so a form can word it again in its reader's language.
        return words.message === i.message
          ? { path: i.path.join("."), message: i.message, rule: words.rule, ...words.vars }
          : { path: i.path.join("."), message: i.message };
      }),
    );
  }
  return result.data;
}

const ENGLISH = translator(VALIDATION_MESSAGES, "en");

/** A schema issue in plain English (the API's language), with the rule and numbers behind it. */
function plainWords(issue: Parameters<typeof issueWords>[0]) {
  const { rule, vars } = issueWords(issue);
  return { rule, vars, message: ENGLISH(rule, vars) };
}

export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  const params = Object.fromEntries(new URL(req.url).searchParams.entries());
  return parseWith(schema, params, "Invalid query parameters");
}
