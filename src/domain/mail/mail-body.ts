// A mail's body as Markdown for a ticket or comment (issue 12, S5). HTML goes through sanitize-html
// (a strict allowlist: no script, style, event handler, form, frame or image; http/https/mailto links
// only) and then turndown; plain text is taken as written. Quoted history and signatures are cut
// (email-reply-parser, plus the quote containers of the common clients in HTML). What comes out is
// stored like any reply and rendered by the same sanitised Markdown renderer (src/components/markdown.tsx):
// two independent filters between a hostile mail and the page.
import EmailReplyParser from "email-reply-parser";
import sanitizeHtml from "sanitize-html";
import TurndownService from "turndown";
import { clipText, toMultiLineText } from "./mail-text";

// The Markdown is cut at 20,000 characters, so reading a 1 MB HTML body to the end only costs time
// (bench:ingest: 2.6 s per mail before these caps). The raw mail keeps all of it.
/** Raw HTML beyond this is not read at all. */
const HTML_INPUT_MAX = 100_000;
/**
 * The plain-text part read at most (characters): a ticket keeps 20,000, and the quote stripper and the
 * control-character pass over a 24 MB text part took the worker to ~1.9 GB (attack pass B5).
 */
export const TEXT_INPUT_MAX = 100_000;
/** Sanitised HTML beyond this is not converted to Markdown. */
const HTML_WORK_MAX = 40_000;

// The containers mail clients put a quoted earlier message in (Gmail, Apple Mail/Thunderbird, Outlook, Yahoo).
function isQuoteContainer(frame: sanitizeHtml.IFrame): boolean {
  const cls = ` ${frame.attribs.class ?? ""} `;
  if (frame.tag === "blockquote" && frame.attribs.type === "cite") return true;
  if (/ (gmail_quote|gmail_signature|moz-cite-prefix|moz-signature|yahoo_quoted) /.test(cls)) return true;
  const id = frame.attribs.id ?? "";
  return id === "divRplyFwdMsg" || id === "appendonsend" || id === "Signature";
}

const SANITIZE: sanitizeHtml.IOptions = {
  allowedTags: [
    "p",
    "br",
    "div",
    "span",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "del",
    "code",
    "pre",
    "blockquote",
    "hr",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
  ],
  allowedAttributes: { a: ["href"], blockquote: ["type"], div: ["class", "id"], span: ["class"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  // Dropped with everything inside them, not just their tags.
  nonTextTags: ["script", "style", "textarea", "option", "noscript", "title", "head", "template", "svg", "math", "iframe", "object", "embed", "xml"],
  disallowedTagsMode: "discard",
  exclusiveFilter: isQuoteContainer,
  // Inline images become attachments (ingest-mail.ts); in the text they leave their name.
  transformTags: {
    img: (_tag, attribs) => ({ tagName: "span", attribs: {}, text: attribs.alt ? `[image: ${attribs.alt}]` : "" }),
  },
};

/**
 * A link target that stays one Markdown link destination (attack pass b, B6): every character that could
 * end it or change how it is read — parentheses, brackets, angle brackets, a backslash (which would escape
 * the closing parenthesis), quotes, whitespace — percent-encoded. encodeURIComponent alone leaves `(` and
 * `)` as they are, so `https://ok.test/z)[click](/app/admin` became a second link the mail never had.
 */
export function markdownLinkDestination(href: string): string {
  return href.replace(/[\s()[\]<>\\"'`]/g, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x80 ? `%${code.toString(16).toUpperCase().padStart(2, "0")}` : encodeURIComponent(c);
  });
}

function turndown(): TurndownService {
  const td = new TurndownService({ headingStyle: "atx", codeBlockStyle: "fenced", bulletListMarker: "-", emDelimiter: "_" });
  // Keep only an http(s)/mailto target: anything else becomes its text (sanitize-html already dropped it).
  // The text is Markdown turndown already escaped (`[`, `]`, `\`, backticks), so it cannot close the link.
  td.addRule("safeLinks", {
    filter: "a",
    replacement: (content, node) => {
      const href = (node as HTMLElement).getAttribute("href") ?? "";
      return /^(https?:|mailto:)/i.test(href) && content.trim() ? `[${content}](${markdownLinkDestination(href)})` : content;
    },
  });
  return td;
}

export function htmlToMarkdown(html: string): string {
  const clean = sanitizeHtml(html.slice(0, HTML_INPUT_MAX), SANITIZE).slice(0, HTML_WORK_MAX);
  return turndown().turndown(clean);
}

/** The new part of a reply: quoted history ("On … wrote:", "> …") and signatures ("-- ", "Sent from …") cut. */
export function stripQuotedHistory(text: string): string {
  const visible = new EmailReplyParser()
    .read(text)
    .getFragments()
    .filter((f) => !f.isHidden())
    .map((f) => f.getContent().replace(/\s+$/, ""))
    .filter(Boolean);
  return visible.join("\n\n").trim();
}

export interface MailBodyInput {
  html?: string | false | null;
  text?: string | null;
}

/** Markdown of at most `max` characters; "" when the mail says nothing new. */
export function mailBodyToMarkdown(input: MailBodyInput, max: number): string {
  const source = input.html ? htmlToMarkdown(input.html) : (input.text ?? "").slice(0, TEXT_INPUT_MAX);
  const text = toMultiLineText(source);
  const fresh = stripQuotedHistory(text) || text.trim();
  return clipText(fresh, max, "\n\n… (cut here: the full e-mail is kept with the ticket's mail record)");
}
