// Titles and Markdown descriptions built from the vocabulary: varied lengths, lists, code blocks, and
// a controlled share of the search terms (see SEARCH_TERMS).
import { CLOSINGS, FIRST_NAMES, RARE_WORDS, TOPICS, type Topic } from "./vocabulary";

type Rand = () => number;

const pick = <T>(r: Rand, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;

/** Zipf-like: index k is chosen with weight 1/(k+1). */
function zipfPicker<T>(items: readonly T[]): (r: Rand) => T {
  const cumulative: number[] = [];
  let total = 0;
  for (let k = 0; k < items.length; k++) {
    total += 1 / (k + 1);
    cumulative.push(total);
  }
  return (r) => {
    const x = r() * total;
    const k = cumulative.findIndex((c) => c >= x);
    return items[k < 0 ? items.length - 1 : k]!;
  };
}

const pickTopic = zipfPicker(TOPICS);
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

const TITLES: ((noun: string, problem: string, extra: string) => string)[] = [
  (n, p) => `${cap(n)} ${p}`,
  (n, p) => `${cap(n)} ${p} since this morning`,
  (n, p, x) => `${cap(n)} ${p} after ${x}`,
  (n, p) => `Urgent: ${n} ${p}`,
  (n, p) => `Our ${n} is ${p} again`,
  (n) => `Question about the ${n}`,
  (n, p) => `Re: ${n} ${p}`,
  (n) => `Request: new ${n}`,
];

const EVENTS = ["the update", "the office move", "a restart", "the password change", "the migration", "last night's maintenance", "the holiday"];

function sentence(r: Rand, topic: Topic): string {
  const n = pick(r, topic.nouns);
  const p = pick(r, topic.problems);
  const templates = [
    `The ${n} has been ${p} since ${pick(r, ["Monday", "yesterday", "this morning", "last week", "the weekend"])}.`,
    `I already restarted the ${n} but it is still ${p}.`,
    `Two colleagues on my floor see the same thing with their ${n}.`,
    `It started right after ${pick(r, EVENTS)}.`,
    `Could someone have a look at the ${n} today?`,
    `We need this for a customer meeting on ${pick(r, ["Thursday", "Friday", "Monday"])}.`,
    `The ${n} worked fine until ${pick(r, EVENTS)}.`,
    `Nothing in the knowledge base covers a ${n} that is ${p}.`,
  ];
  return pick(r, templates);
}

const ERROR_LINES = [
  "I get an error saying access is denied.",
  "An error dialog pops up and closes immediately.",
  "The error code is 0x80070005.",
  "It shows a generic error page with a request id.",
];

export interface TicketText {
  title: string;
  descriptionMd: string;
  topic: Topic;
  /** The product (one of RARE_WORDS) the description names, if any: the ticket gets that tag. */
  product: string | null;
}

export function ticketText(r: Rand): TicketText {
  const topic = pickTopic(r);
  const noun = pick(r, topic.nouns);
  const problem = pick(r, topic.problems);
  const title = pick(r, TITLES)(noun, problem, pick(r, EVENTS));

  const parts: string[] = [pick(r, ["Hi team,", "Hello,", "Hi support,", "Good morning,"])];
  const intro = [sentence(r, topic), sentence(r, topic)];
  if (r() < 0.35) intro.push(pick(r, ERROR_LINES)); // SEARCH_TERMS.common: about a third of tickets
  const product = r() < 0.25 ? pick(r, RARE_WORDS) : null; // each rare word: ~0.35 % of tickets
  if (product) intro.push(`We use ${product} for this.`);
  parts.push(intro.join(" "));

  const shape = r();
  if (shape < 0.4) {
    const steps = 2 + Math.floor(r() * 4);
    parts.push("**Steps to reproduce**", Array.from({ length: steps }, (_, i) => `${i + 1}. ${sentence(r, topic)}`).join("\n"));
    parts.push(`**Expected:** the ${noun} works.\n**Actual:** the ${noun} is ${problem}.`);
  } else if (shape < 0.6) {
    parts.push(
      "```\n" +
        `${new Date(Date.UTC(2024, 0, 1) + Math.floor(r() * 3e10)).toISOString()} WARN ${noun.replace(/\s/g, "_")} state=${problem.replace(/\s/g, "_")}` +
        "\n```",
    );
  } else if (shape < 0.8) {
    parts.push(Array.from({ length: 2 + Math.floor(r() * 3) }, () => `- ${sentence(r, pick(r, TOPICS))}`).join("\n"));
  } else {
    parts.push(`${sentence(r, topic)} ${sentence(r, pick(r, TOPICS))}`);
  }
  parts.push(`${pick(r, CLOSINGS)},\n${pick(r, FIRST_NAMES)}`);
  return { title: title.slice(0, 200), descriptionMd: parts.join("\n\n"), topic, product };
}

const STAFF_REPLIES: ((n: string, p: string) => string)[] = [
  (n) => `Thanks for reporting this. Could you send a screenshot of what the ${n} shows?`,
  (n) => `I have restarted the ${n} on our side. Can you try again and let us know?`,
  (n, p) => `We can reproduce the ${n} being ${p}. A fix is being rolled out this afternoon.`,
  (n) => `Escalating to the **infrastructure** team; they will follow up about the ${n}.`,
  (n) => `We found the cause: a configuration change from last week. Rolling it back now.\n\n- affected: the ${n}\n- workaround: sign out and in again`,
  () => "Can you confirm which device and version you are on?",
  () => "Closing this as resolved. Reply to reopen if it comes back.",
  (n) => `I have replaced the ${n} profile. Please check again after a restart.`,
];
const REQUESTER_REPLIES: ((n: string, p: string) => string)[] = [
  () => "Still the same for me, unfortunately.",
  () => "That fixed it, thank you!",
  (n, p) => `The ${n} is ${p} again this morning.`,
  () => "Screenshot attached. It happens every time I open it.",
  (n) => `I am on the latest version. The ${n} worked fine yesterday.`,
  () => "Any update on this? We have a deadline on Friday.",
];
const INTERNAL_NOTES: ((n: string, p: string) => string)[] = [
  (n) => `Internal: same ${n} issue as last month, see the runbook.`,
  () => "Internal: customer is on the enterprise plan, handle with priority.",
  (n, p) => `Internal: vendor confirmed the ${n} is ${p} for several customers.`,
  () => "Internal: waiting on the network team before we reply.",
];

/** A reply on a ticket about `topic`: the agent's (public or an internal note) or the requester's. */
export function commentText(r: Rand, topic: Topic, by: "staff" | "internal" | "requester"): string {
  const templates = by === "staff" ? STAFF_REPLIES : by === "internal" ? INTERNAL_NOTES : REQUESTER_REPLIES;
  const body = pick(r, templates)(pick(r, topic.nouns), pick(r, topic.problems));
  if (by === "requester") return r() < 0.3 ? `${body} ${sentence(r, topic)}` : body;
  return by === "staff" ? `Hi ${pick(r, FIRST_NAMES)},\n\n${body}\n\n${pick(r, CLOSINGS)}` : body;
}
