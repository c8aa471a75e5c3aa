// The queue's texts (issue 13): the queue page, its filters, table, rows, bulk bar, pagination and saved
// views. Status, priority and field names come from COMMON_MESSAGES. Counts are words of their own
// (plural() with the locale's digits), never a number glued to an English noun.
import { defineMessages, type MessageIdOf, type MessageVars, plural, type Translator } from "./define";

/** A count in words: plural(vars.count) in the locale's grammar and digits ("1,200 tickets selected"). */
const count = (forms: { one?: string; other: string }) => (vars: MessageVars, locale: string) => plural(Number(vars.count), locale, forms);

export const QUEUE_MESSAGES = defineMessages({
  "queue.title": "Queue",
  "queue.heading.all": "Ticket queue",
  "queue.heading.mine": "My tickets",
  "queue.newTicket": "New ticket",
  "queue.tickets": "Tickets",
  // The order, mid-sentence ("…, newest first.") and at the start of one ("Newest first.").
  "queue.order.newest": "newest first",
  "queue.order.due": "due soonest first",
  "queue.order.relevance": "best match first among the newest {window} matches",
  "queue.orderStart.newest": "Newest first",
  "queue.orderStart.due": "Due soonest first",
  "queue.orderStart.relevance": "Best match first among the newest {window} matches",
  "queue.subtitle.all": "Every ticket in your organization, {order}.",
  "queue.subtitle.mine": "Tickets you opened, {order}.",
  "queue.subtitle.sharedView": "Shared view · {order}.",
  "queue.subtitle.sharedViewChanged": "Shared view, filters changed · {order}.",
  "queue.subtitle.ownView": "Your view · {order}.",
  "queue.subtitle.ownViewChanged": "Your view, filters changed · {order}.",

  // The table and its rows.
  "queue.table.caption": "Tickets, {order}",
  "queue.col.number": "#",
  "queue.col.title": "Title",
  "queue.col.updated": "Updated",
  "queue.col.sla": "SLA",
  "queue.row.select": "Select #{number}",
  "queue.row.selectAll": "Select all tickets on this page",
  /** {time} is the opening time as a <time> element; the words around it may sit on either side. */
  "queue.row.opened": "Opened {time}",
  "queue.row.tags": "Tags of #{number}",
  "queue.row.unknownUser": "Unknown user",

  // Empty and invalid states.
  "queue.empty.filteredTitle": "No tickets match these filters",
  "queue.empty.filteredText": "Try a different search or fewer filters.",
  "queue.empty.clearFilters": "Clear filters",
  "queue.empty.title": "No tickets yet — open one",
  "queue.empty.text": "When someone needs help, their ticket shows up here.",
  "queue.empty.openTicket": "Open a ticket",
  "queue.invalid.title": "These filters are not valid",
  "queue.invalid.text": "The link may be outdated or edited by hand. Reset the filters to see the queue.",
  "queue.invalid.reset": "Reset filters",

  // The filter bar.
  "queue.filters.label": "Filter tickets",
  "queue.filters.search": "Search",
  "queue.filters.searchPlaceholder": "Words or #number",
  "queue.filters.anyStatus": "Any status",
  "queue.filters.unresolved": "Unresolved",
  "queue.filters.anyPriority": "Any priority",
  "queue.filters.anyone": "Anyone",
  "queue.filters.me": "Me",
  "queue.filters.anyTeam": "Any team",
  "queue.filters.tag": "Tag",
  "queue.filters.anyTag": "Any tag",
  "queue.filters.sla": "SLA",
  "queue.filters.anySla": "Any SLA state",
  "queue.filters.breached": "Breached",
  "queue.filters.atRisk": "At risk",
  "queue.filters.order": "Order",
  "queue.filters.bestMatch": "Best match",
  "queue.filters.newestFirst": "Newest first",
  "queue.filters.dueSoonest": "Due soonest",
  "queue.filters.apply": "Apply filters",
  "queue.filters.reset": "Reset",

  // Pagination.
  "queue.pages.label": "Pagination",
  "queue.pages.shown": count({ one: "{count} ticket on this page", other: "{count} tickets on this page" }),
  "queue.pages.first": "First page",
  "queue.pages.previous": "Previous page",
  "queue.pages.next": "Next page",

  // The bulk bar.
  "queue.bulk.label": "Bulk actions",
  "queue.bulk.selected": count({ other: "{count} selected" }),
  "queue.bulk.nothingSelected": "Nothing selected",
  "queue.bulk.setStatus": "Set status",
  "queue.bulk.setPriority": "Set priority",
  "queue.bulk.assignTo": "Assign to",
  "queue.bulk.setTeam": "Set team",
  "queue.bulk.addTag": "Add tag",
  "queue.bulk.removeTag": "Remove tag",
  "queue.bulk.noChange": "No change",
  "queue.bulk.apply": count({ one: "Apply to {count} ticket", other: "Apply to {count} tickets" }),
  "queue.bulk.clear": "Clear selection",
  "queue.bulk.chooseChange": "Choose a change to apply.",
  "queue.bulk.result": "{summary}.",
  "queue.bulk.problem": "#{number}: {message}",
  "queue.bulk.problemUnknown": "A ticket: {message}",
  "queue.bulk.updated": count({ other: "{count} updated" }),
  "queue.bulk.unchanged": count({ other: "{count} unchanged" }),
  "queue.bulk.not_found": count({ other: "{count} no longer found" }),
  "queue.bulk.forbidden": count({ other: "{count} not allowed" }),
  "queue.bulk.invalid": count({ other: "{count} refused" }),
  "queue.bulk.ticket_closed": count({ other: "{count} closed (reopen first)" }),
  "queue.bulk.failed": count({ other: "{count} failed" }),

  // Saved views.
  "queue.views.label": "Saved views",
  "queue.views.shared": "Shared views",
  "queue.views.sharedEmpty": "No shared views yet.",
  "queue.views.mine": "My views",
  "queue.views.mineEmpty": "Save the filters you use most.",
  "queue.views.count": count({ other: "{count}" }),
  /** A count that stopped at its cap: "1,000+". */
  "queue.views.countMore": count({ other: "{count}+" }),
  "queue.views.countMoreTitle": "More than this many tickets",
  "queue.views.saveCurrent": "Save current filters as a view",
  "queue.views.name": "View name",
  "queue.views.share": "Share with the whole team",
  "queue.views.save": "Save view",
  "queue.views.delete": "Delete view",
  "queue.views.deleteNamed": "Delete view {name}",
});

export type QueueMessageId = MessageIdOf<typeof QUEUE_MESSAGES>;
export type QueueTranslator = Translator<QueueMessageId>;
