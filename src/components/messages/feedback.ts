// The texts around every page (issue 13): the document's title and description, the error pages and the 404.
import { defineMessages } from "./define";

export const FEEDBACK_MESSAGES = defineMessages({
  "app.title": "Helpdesk",
  // Next.js puts the page's own title where %s is.
  "app.titleTemplate": "%s · Helpdesk",
  "app.description": "Support tickets for your team",
  "error.title": "Something went wrong",
  "error.documentTitle": "Something went wrong · Helpdesk",
  "error.body": "We could not load this page. Try again in a moment; if it keeps happening, tell your administrator.",
  "error.bodyWithReference":
    "We could not load this page. Try again in a moment; if it keeps happening, tell your administrator and mention reference {digest}.",
  "feedback.backToQueue": "Back to the queue",
  "notFound.metaTitle": "Not found",
  "notFound.title": "We couldn't find that page",
  "notFound.body": "The link may be wrong, or what it pointed to is not available to your account.",
});
