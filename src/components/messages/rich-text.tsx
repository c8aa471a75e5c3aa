// A text with elements inside it (issue 13): "If {email} belongs to an account…" where {email} is a
// <strong>, a link or a <time>. The whole sentence stays one message, so a translation can move the
// element to where its grammar wants it; the elements are filled in after translating: call `t(id)`
// without vars (its `{name}` placeholders stay as they are), then give the slots here.
// React renders every text part and slot as text: nothing in a message or a value becomes HTML.
import { Fragment, type ReactNode } from "react";

// A capture group, so split() keeps the names: even parts are text, odd parts the placeholder names.
const SLOTS = /\{(\w+)\}/;

/** `text` with each `{name}` replaced by `slots[name]` (an element or a string); unknown names stay visible. */
export function richText(text: string, slots: Readonly<Record<string, ReactNode>>): ReactNode {
  const parts = text.split(SLOTS);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 0 ? (
          part
        ) : (
          // The parts of one message never reorder between renders: their index is a stable key.
          <Fragment key={i}>{Object.hasOwn(slots, part) ? slots[part] : `{${part}}`}</Fragment>
        ),
      )}
    </>
  );
}
