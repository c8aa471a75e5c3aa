/**
 * A ticket's tags as small labels. Tag names are data: rendered as React text children only, never as
 * markup, attributes or URLs, so a name like `<img onerror=…>` shows as those characters (issue 11, S5).
 * `label`: the list's accessible name, in the reader's words (the caller's message set, issue 13).
 */
export function TagList({ tags, label }: { tags: readonly string[]; label: string }) {
  if (tags.length === 0) return null;
  return (
    <ul className="tag-list" aria-label={label}>
      {tags.map((t) => (
        <li key={t} className="tag">
          {t}
        </li>
      ))}
    </ul>
  );
}
