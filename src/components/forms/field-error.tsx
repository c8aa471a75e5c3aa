/**
 * A field's error text, linked to its control through aria-describedby (Field does that). Validation messages
 * such as "is required" read as a sentence once the field's label is put in front of them.
 * `announce` makes it an alert, for forms whose only error is this one (no FormAlert above to announce it).
 */
export function FieldError({ id, label, message, announce = false }: { id: string; label: string; message: string | null | undefined; announce?: boolean }) {
  if (!message) return null;
  const text = /^[a-z]/.test(message) ? `${label} ${message}` : message;
  return (
    <p id={id} className="field-error" role={announce ? "alert" : undefined}>
      {text}
    </p>
  );
}
