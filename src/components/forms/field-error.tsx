/**
 * A field's error text, linked to its control through aria-describedby by the caller. Validation messages
 * such as "is required" read as a sentence once the field's label is put in front of them.
 */
export function FieldError({ id, label, message }: { id: string; label: string; message: string | undefined }) {
  if (!message) return null;
  const text = /^[a-z]/.test(message) ? `${label} ${message}` : message;
  return (
    <p id={id} className="field-error">
      {text}
    </p>
  );
}
