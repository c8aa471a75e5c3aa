// Limits of macros (S21, issue 11): the lengths fit what a reply may be, and the counts keep the picker and
// its list (returned whole, without paging) small.
import { COMMENT_MAX } from "@/domain/comments/comments.schemas";

export const MACRO_NAME_MAX = 100;
/** A macro's body must fit in a reply before its placeholders are filled; the filled body is checked again. */
export const MACRO_BODY_MAX = COMMENT_MAX;
export const SHARED_MACROS_PER_ORG = 200;
export const PERSONAL_MACROS_PER_USER = 50;
