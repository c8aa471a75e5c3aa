import { Fragment, type ReactNode } from "react";

// Private-use characters: never part of a message, and never expected in the values filled into one.
const OPEN = "\uE000";
const CLOSE = "\uE001";
const SLOT = /\uE000(\d+)\uE001/;

/**
 * A translated sentence with elements inside it ("Verified on <time>", "Invitation for <strong>Ada</strong>
 * e-mailed to …"), so that each language places them where its grammar wants them (issue 13): the message
 * is filled with a marker per element, then split at the markers.
 *   withNodes((s) => t("domains.verifiedOn", { date: s.date }), { date: <TimeStamp … /> })
 */
export function withNodes<K extends string>(fill: (slots: Record<K, string>) => string, nodes: Record<K, ReactNode>): ReactNode {
  const keys = Object.keys(nodes) as K[];
  const slots = Object.fromEntries(keys.map((k, i) => [k, `${OPEN}${i}${CLOSE}`])) as Record<K, string>;
  const parts = fill(slots).split(SLOT);
  // split() with a capture group alternates text and slot numbers: text, n, text, n, text…
  return parts.map((part, i) => {
    if (i % 2 === 0) return part === "" ? null : <Fragment key={i}>{part}</Fragment>;
    const key = keys[Number(part)];
    return <Fragment key={i}>{key === undefined ? null : nodes[key]}</Fragment>;
  });
}
