// Issue 9 item 13: display names are chosen by their owners (invites, once update-user existed), so a
// requester could appear as "Ada Admin". Wherever staff see a person, the name comes with the role and
// the e-mail address, which the user cannot choose.
export function staffLabel(user: { name: string; role: string; email: string }): string {
  return `${user.name} (${user.role}, ${user.email})`;
}
