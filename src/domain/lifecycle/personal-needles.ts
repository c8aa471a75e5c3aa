// What an erasure searches for (issue 14): the person's address and name as stored, in lower case and in
// the Unicode normal forms (NFC, NFD, NFKC) a copy of them may have been written in. A name shorter than four
// characters is left out: "Al" or "Bo" would erase parts of unrelated words; the address always counts.
// The same rule is in audit_erase_person() (migration 0027), which decides it for the audit trail itself.
export const MIN_NAME_NEEDLE = 4;

export function personalNeedles(person: { name: string; email: string }): string[] {
  const name = person.name.trim();
  const forms = [person.email, person.email.toLowerCase(), person.email.normalize("NFKC"), person.email.normalize("NFKC").toLowerCase()];
  if (name.length >= MIN_NAME_NEEDLE) {
    forms.push(name, name.toLowerCase(), name.normalize("NFC"), name.normalize("NFD"), name.normalize("NFKC").toLowerCase());
  }
  return [...new Set(forms.filter((f) => f.length > 0))];
}
