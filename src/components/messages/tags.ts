// A ticket's tags (issue 13): the tag editor's words. The field's own label is the caller's ("Tags" of
// common.ts on the ticket page).
import { defineMessages } from "./define";

export const TAG_MESSAGES = defineMessages({
  "tags.count": "{label}: {count}",
  "tags.remove": "Remove tag {tag}",
  "tags.add": "Add a tag",
  "tags.full": "At most {max} tags",
  "tags.error": "{label}: {error}",
});
