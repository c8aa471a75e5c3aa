// The HTML part of every e-mail we send (issue 12), rendered on the server to a static string by React,
// so every value is escaped the way our pages escape it. User text goes through the one Markdown renderer
// the app uses (S5: no raw HTML, strict sanitizer allowlist, no images); links we add are our own URLs.
// The plain-text part is written beside it by the caller; this is only the second, prettier view.
import { renderToStaticMarkup } from "react-dom/server";
import { Markdown } from "@/components/markdown";

export interface MailContent {
  /** The document title (the subject). */
  title: string;
  /** User-written Markdown (a reply), rendered through the app's sanitizing renderer. */
  bodyMd?: string;
  /** Our own sentences, as text. */
  paragraphs?: string[];
  /** One button-like link to our app. */
  action?: { href: string; label: string };
  /** Small print under a rule, as text. */
  footer?: string[];
  /** The language the caller wrote the mail in (BCP 47), for screen readers and hyphenation; English unless given. */
  lang?: string;
}

/** Mail clients need the document type; it is markup, not a text anyone reads. */
const DOCTYPE = "<!doctype html>";

// Static CSS only (mail clients ignore external sheets); nothing here comes from a user.
const CSS = `body{margin:0;padding:24px;background:#f6f7f9;font:15px/1.5 -apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#1f2328}
.mail{max-width:640px;margin:0 auto;background:#fff;border:1px solid #d8dee4;border-radius:8px;padding:24px}
.markdown pre{background:#f6f8fa;padding:12px;overflow:auto}.markdown code{font-family:ui-monospace,Menlo,monospace}
.markdown blockquote{margin:0;padding-left:12px;border-left:3px solid #d8dee4;color:#57606a}
.markdown table{border-collapse:collapse}.markdown th,.markdown td{border:1px solid #d8dee4;padding:4px 8px}
.action{display:inline-block;margin:8px 0;padding:10px 16px;background:#0969da;color:#fff !important;border-radius:6px;text-decoration:none}
.footer{margin-top:24px;padding-top:12px;border-top:1px solid #d8dee4;font-size:12px;color:#57606a}`;

function MailDocument({ title, bodyMd, paragraphs, action, footer, lang = "en" }: MailContent) {
  return (
    <html lang={lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <style>{CSS}</style>
      </head>
      <body>
        <div className="mail">
          {bodyMd !== undefined && <Markdown source={bodyMd} />}
          {paragraphs?.map((p) => (
            <p key={p}>{p}</p>
          ))}
          {action && (
            <p>
              <a className="action" href={action.href}>
                {action.label}
              </a>
            </p>
          )}
          {footer && footer.length > 0 && (
            <div className="footer">
              {footer.map((line) => (
                <p key={line}>{line}</p>
              ))}
            </div>
          )}
        </div>
      </body>
    </html>
  );
}

export function renderMailHtml(content: MailContent): string {
  return DOCTYPE + renderToStaticMarkup(<MailDocument {...content} />);
}
