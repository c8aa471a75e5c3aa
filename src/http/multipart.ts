// Streams a multipart/form-data upload through busboy (S11, S21): exactly one file, a few small fields,
// and the file cap enforced while the bytes arrive. The request is read only up to the cap; past it the
// rest is never read and the caller gets 413. The client's per-part Content-Type is ignored.
import busboy from "busboy";
import { AppError, Invalid, TooLarge } from "@/lib/errors";

export interface ReceivedFile {
  filename: string;
  bytes: Buffer;
  fields: Record<string, string>;
}

// Multipart boundaries, part headers and the small fields around the one file.
export const ENVELOPE_BYTES = 64 * 1024;

export async function readSingleFileUpload(req: Request, opts: { maxFileBytes: number; fields: readonly string[]; fileField?: string }): Promise<ReceivedFile> {
  const contentType = req.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data;/i.test(contentType)) throw new AppError("unsupported_media_type", "Send the file as multipart/form-data");
  const maxTotal = opts.maxFileBytes + ENVELOPE_BYTES;
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > maxTotal) throw fileTooLarge(opts.maxFileBytes);
  if (!req.body) throw Invalid("The request has no body");
  const fileField = opts.fileField ?? "file";

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": contentType },
      // Browsers send UTF-8 file names; busboy's default would read them as latin1.
      defParamCharset: "utf8",
      // busboy reports "limit" (and "partsLimit") when the count reaches the limit: one more than we accept.
      limits: { files: 1, fileSize: opts.maxFileBytes + 1, fields: opts.fields.length, fieldSize: 1024, parts: opts.fields.length + 2, headerPairs: 20 },
    });
  } catch {
    throw Invalid("Malformed multipart body");
  }

  const reader = req.body.getReader();
  return new Promise<ReceivedFile>((resolve, reject) => {
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      // Stop reading the request: the rest of an oversized body is never pulled off the socket.
      void reader.cancel().catch(() => undefined);
      parser.removeAllListeners();
      parser.on("error", () => undefined);
      parser.destroy();
      reject(error);
    };
    const fields: Record<string, string> = {};
    let file: { filename: string; chunks: Buffer[]; done: Promise<void> } | null = null;

    parser.on("file", (name, stream, info) => {
      if (name !== fileField || file) {
        stream.resume();
        return fail(Invalid(name !== fileField ? `Send the file in the form field "${fileField}"` : "Send one file per request"));
      }
      const chunks: Buffer[] = [];
      // Destroying the parser on a refusal errors the part's stream; that is expected, not a crash.
      stream.on("error", () => undefined);
      file = {
        filename: info.filename ?? "",
        chunks,
        done: new Promise<void>((res) => stream.on("end", res)),
      };
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("limit", () => fail(fileTooLarge(opts.maxFileBytes)));
    });
    parser.on("field", (name, value, info) => {
      if (!opts.fields.includes(name)) return fail(Invalid(`Unexpected form field "${name}"`));
      if (info.valueTruncated) return fail(Invalid(`The form field "${name}" is too long`));
      fields[name] = value;
    });
    parser.on("filesLimit", () => fail(Invalid("Send one file per request")));
    parser.on("fieldsLimit", () => fail(Invalid("Too many form fields")));
    parser.on("partsLimit", () => fail(Invalid("Too many form parts")));
    parser.on("error", () => fail(truncated() ? cutShort() : Invalid("Malformed multipart body")));
    parser.on("close", async () => {
      if (settled) return;
      if (!file) return fail(Invalid(`No file: send it in the form field "${fileField}"`));
      await file.done;
      if (settled) return;
      settled = true;
      resolve({ filename: file.filename, bytes: Buffer.concat(file.chunks), fields });
    });

    // Next.js hands route handlers at most `proxyClientMaxBodySize` (10 MB by default) of a body when a
    // proxy runs, silently cut. A body shorter than its declared length was cut on the way: over our cap
    // that is a 413 like any other, not a "malformed" upload.
    let total = 0;
    const truncated = () => Number.isFinite(declared) && total < declared;
    const cutShort = () => (declared > opts.maxFileBytes ? fileTooLarge(opts.maxFileBytes) : Invalid("The upload was interrupted"));

    (async () => {
      for (;;) {
        const { done, value } = await reader.read();
        if (settled) return;
        if (done) break;
        total += value.byteLength;
        if (total > maxTotal) return fail(fileTooLarge(opts.maxFileBytes));
        if (!parser.write(value)) await new Promise((r) => parser.once("drain", r));
      }
      parser.end();
    })().catch((e) => fail(settled ? e : Invalid(`Upload interrupted: ${e instanceof Error ? e.message : String(e)}`)));
  });
}

function fileTooLarge(max: number): AppError {
  const mb = Math.round((max / (1024 * 1024)) * 10) / 10;
  const e = TooLarge(max);
  return new AppError(e.kind, `The file is larger than ${mb} MB`);
}
