// User Markdown, rendered safely: raw HTML is never parsed (no rehype-raw), and the result still passes
// through the strict sanitizer allowlist (S5). Links open outside the app without a referrer.
import ReactMarkdown from "react-markdown";
import rehypeSanitize from "rehype-sanitize";
import remarkGfm from "remark-gfm";
import { MARKDOWN_SCHEMA } from "@/lib/markdown-schema";

export function Markdown({ source, className }: { source: string; className?: string }) {
  return (
    <div className={className ?? "markdown"}>
      <ReactMarkdown
        remarkPlugins={[remarkGfm]}
        rehypePlugins={[[rehypeSanitize, MARKDOWN_SCHEMA]]}
        skipHtml
        components={{
          a: ({ href, children }) => (
            <a href={href} target="_blank" rel="noopener noreferrer nofollow ugc">
              {children}
            </a>
          ),
        }}
      >
        {source}
      </ReactMarkdown>
    </div>
  );
}
