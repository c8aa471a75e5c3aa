// Where a ticket stands against its SLA, in words (S9, issue 13): the state flag, the running deadline and
// the targets already missed. Shared by the queue's rows (client) and the ticket page (server).
import { defineMessages, type MessageIdOf, type Translator } from "./define";

export const SLA_MESSAGES = defineMessages({
  "sla.state.none": "No SLA",
  "sla.state.paused": "Paused",
  "sla.state.breached": "Breached",
  "sla.state.at_risk": "At risk",
  "sla.state.on_track": "On track",
  "sla.state.met": "Done",
  "sla.pausedSince": " since {time}",
  "sla.missed": " (missed: {targets})",
  "sla.listSeparator": ", ",
  "sla.target.first_response": "first response",
  "sla.target.next_reply": "next reply",
  "sla.target.resolution": "resolution",
});

export type SlaTranslator = Translator<MessageIdOf<typeof SLA_MESSAGES>>;
