// Mail the helpdesk writes by itself (notifications, invitations, password resets) says so (RFC 3834), so
// out-of-office responders and other helpdesks do not answer it and no mail loop starts (issue 12). An
// agent's reply is written by a person and carries none of this.
export const AUTOMATIC_MAIL_HEADERS: Readonly<Record<string, string>> = {
  "Auto-Submitted": "auto-generated",
  "X-Auto-Response-Suppress": "All",
};
