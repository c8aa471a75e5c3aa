// The exports page's texts (issue 13): the form, the list of exports with their states, and the sentence
// that says the list updates itself. Field names shared with other areas come from COMMON_MESSAGES.
import { defineMessages, type MessageIdOf, plural, type Translator } from "./define";

export const EXPORTS_MESSAGES = defineMessages({
  "exports.title": "Exports",
  "exports.intro":
    "Tickets and their comments for a date range, as CSV or JSON. Files carry a watermark with your name; links expire after five minutes. Days are UTC calendar days, and times in the files are ISO-8601 UTC, so spreadsheets and scripts read them the same everywhere.",

  // The form.
  "exports.form.format": "Format",
  "exports.form.csv": "CSV",
  "exports.form.json": "JSON",
  "exports.form.from": "From",
  "exports.form.to": "To",
  "exports.form.includeInternal": "Include internal notes",
  "exports.form.start": "Start export",
  "exports.form.queued": "Export queued. It appears below, and its Download button shows as soon as it is ready.",

  // The list.
  "exports.list.label": "Exports",
  "exports.list.none": "No exports yet.",
  "exports.list.requested": "Requested",
  "exports.list.range": "Range",
  "exports.list.format": "Format",
  "exports.list.tickets": "Tickets",
  "exports.list.actions": "Actions",
  "exports.list.rangeDays": "{from} – {to}",
  "exports.list.rangeDaysInternal": "{from} – {to} (with internal notes)",
  "exports.list.withError": "{status}: {error}",
  "exports.status.queued": "queued",
  "exports.status.running": "running",
  "exports.status.done": "done",
  "exports.status.failed": "failed",
  "exports.download": "Download",
  "exports.downloadFailed": "This export cannot be downloaded.",
  "exports.waiting": (vars, locale) =>
    plural(Number(vars.count), locale, {
      one: "One export is being prepared; this list updates by itself.",
      other: "{count} exports are being prepared; this list updates by itself.",
    }),
});

export type ExportsMessageId = MessageIdOf<typeof EXPORTS_MESSAGES>;
export type ExportsTranslator = Translator<ExportsMessageId>;
