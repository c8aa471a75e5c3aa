// COPY ... TO STDOUT's text format as the verifier reads it (issue 15): one line per event, tab-separated,
// \N for NULL, backslash escapes. Pure (no database), so the verifier's worker threads load it too.

/** One line of COPY's text format: tab-separated, \N for NULL, backslash escapes undone. */
export function copyFields(line: string): (string | null)[] {
  const fields: (string | null)[] = line.split("\t");
  if (fields.length !== 11) throw new Error(`COPY of the audit chain: a line with ${fields.length} fields`);
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i]!;
    if (f === "\\N") fields[i] = null;
    else if (f.includes("\\")) fields[i] = unescapeCopy(f);
  }
  return fields;
}

const ESCAPED: Record<string, string> = { "\\": "\\", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v" };

/**
 * Undoes COPY TO's text escapes: a backslash before a backslash or before b f n r t v (the control
 * characters it escapes; others it writes as they are). It never writes octal or hex escapes for text; one
 * here means the stream is not what we asked for, so it is refused rather than guessed.
 */
export function unescapeCopy(field: string): string {
  let out = "";
  let from = 0;
  for (let i = field.indexOf("\\"); i >= 0; i = field.indexOf("\\", from)) {
    const decoded = ESCAPED[field[i + 1] ?? ""];
    if (decoded === undefined) throw new Error("COPY of the audit chain: an unexpected escape");
    out += field.slice(from, i) + decoded;
    from = i + 2;
  }
  return out + field.slice(from);
}
