import { useId, type ComponentPropsWithoutRef, type ReactNode } from "react";
import { FieldError } from "./field-error";

/**
 * One labelled control with its hint and error (issue 10, forms): the label points at the control, and the
 * control is described by the hint and then the error, and marked invalid while there is an error, so
 * every form says the same things to a screen reader. The id comes from useId unless one is given.
 */
interface FieldBase {
  label: string;
  /** Shown under the control, always (unlike the error). */
  hint?: ReactNode;
  error?: string | null;
  /** The word put in front of a lowercase message ("is required"); the label by default. */
  errorLabel?: string;
  /** The error is an alert of its own (the form shows no FormAlert for it). */
  announce?: boolean;
}
type Wired = "aria-invalid" | "aria-describedby";
type InputField = FieldBase & { as?: "input" } & Omit<ComponentPropsWithoutRef<"input">, Wired>;
type TextareaField = FieldBase & { as: "textarea" } & Omit<ComponentPropsWithoutRef<"textarea">, Wired>;
type SelectField = FieldBase & { as: "select" } & Omit<ComponentPropsWithoutRef<"select">, Wired>;
export type FieldProps = InputField | TextareaField | SelectField;

export function Field(props: FieldProps) {
  const generated = useId();
  const { label, hint, error, errorLabel, announce } = props;
  const id = props.id ?? generated;
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const wiring = {
    id,
    "aria-invalid": error ? (true as const) : undefined,
    "aria-describedby": [hintId, errorId].filter(Boolean).join(" ") || undefined,
  };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {renderControl(props, wiring)}
      {hint && (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      )}
      <FieldError id={`${id}-error`} label={errorLabel ?? label} message={error} announce={announce} />
    </div>
  );
}

type Wiring = { id: string; "aria-invalid": true | undefined; "aria-describedby": string | undefined };

/** The control with the props the caller gave, minus Field's own, plus the wiring (which wins). */
function renderControl(props: FieldProps, wiring: Wiring) {
  if (props.as === "textarea") {
    const { as: _as, label: _l, hint: _h, error: _e, errorLabel: _el, announce: _a, className, ...rest } = props;
    return <textarea {...rest} {...wiring} className={className ?? "textarea"} />;
  }
  if (props.as === "select") {
    const { as: _as, label: _l, hint: _h, error: _e, errorLabel: _el, announce: _a, className, ...rest } = props;
    return <select {...rest} {...wiring} className={className ?? "select"} />;
  }
  const { as: _as, label: _l, hint: _h, error: _e, errorLabel: _el, announce: _a, className, ...rest } = props;
  return <input {...rest} {...wiring} className={className ?? "input"} />;
}

/** A labelled checkbox with a hint under it, the hint describing the box (the organization's switches). */
export function CheckboxField({ label, hint, ...input }: { label: string; hint: ReactNode } & Omit<ComponentPropsWithoutRef<"input">, "type" | Wired>) {
  const generated = useId();
  const hintId = `${input.id ?? generated}-hint`;
  return (
    <div className="field">
      <label className="checkbox">
        <input {...input} type="checkbox" aria-describedby={hintId} />
        {label}
      </label>
      <p id={hintId} className="field-hint">
        {hint}
      </p>
    </div>
  );
}

/**
 * The form's summary error (what no single field explains), announced as an alert. `inline` is the small
 * red line under a control that is not a field (a button, a switch) rather than the boxed summary.
 */
export function FormAlert({
  message,
  id,
  className,
  inline = false,
}: {
  message: string | null | undefined;
  id?: string;
  className?: string;
  inline?: boolean;
}) {
  if (!message) return null;
  const base = inline ? "field-error" : "alert alert-error";
  return (
    <p id={id} className={className ? `${base} ${className}` : base} role="alert">
      {message}
    </p>
  );
}
