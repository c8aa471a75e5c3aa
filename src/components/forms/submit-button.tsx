import type { ComponentPropsWithoutRef } from "react";

/**
 * A form's submit button while useFormSubmit is pending: disabled and aria-busy, with its label unchanged
 * so it keeps one accessible name. A primary button unless a className is given.
 */
export function SubmitButton({ pending, disabled, className, ...rest }: { pending: boolean } & Omit<ComponentPropsWithoutRef<"button">, "type" | "aria-busy">) {
  return <button {...rest} type="submit" className={className ?? "btn btn-primary"} disabled={pending || disabled} aria-busy={pending} />;
}
