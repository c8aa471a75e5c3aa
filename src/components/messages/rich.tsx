// A text with elements inside it (issue 13): "opened by {name} {time}" where {time} is a <TimeStamp>, "Send
// also sets the status to {status}." where {status} is bold. The element goes where the language puts the
// placeholder, so a translation can reorder it. Pass the text as `t(id)` WITHOUT vars, so its placeholders
// are still there: only our own message text is split, never a value, and every value is rendered by React
// as text (escaped), never as markup.
import { Fragment, type ReactNode } from "react";

const PLACEHOLDER = /\{(\w+)\}/;

export function rich(text: string, slots: Readonly<Record<string, ReactNode>>): ReactNode {
  // split() with a capture group alternates text and placeholder names: ["opened by ", "name", " ", "time", ""].
  return text
    .split(PLACEHOLDER)
    .map((part, i) => (i % 2 === 0 ? part : <Fragment key={`${i}-${part}`}>{Object.hasOwn(slots, part) ? slots[part] : `{${part}}`}</Fragment>));
}
