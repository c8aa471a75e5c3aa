"use client";

import { Field } from "./field";
import { failure } from "./use-form-submit";

/** The new-password pair of every form that sets one (invite acceptance, password reset): fields `password` and `confirm`. */
export function NewPasswordFields({ minLength, error, confirmError }: { minLength: number; error?: string; confirmError?: string }) {
  return (
    <>
      <Field
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={minLength}
        maxLength={128}
        hint={`At least ${minLength} characters; not a common password and not your e-mail address.`}
        error={error}
        announce
      />
      <Field
        label="Repeat the password"
        errorLabel="Password"
        name="confirm"
        type="password"
        autoComplete="new-password"
        required
        maxLength={128}
        error={confirmError}
      />
    </>
  );
}

/** The form's own check before anything is sent: the failure to show when the two passwords differ, else null. */
export function passwordsDiffer(data: FormData) {
  if (String(data.get("password") ?? "") === String(data.get("confirm") ?? "")) return null;
  return failure("The two passwords differ.", { code: "mismatch", fieldErrors: { confirm: "The two passwords differ." } });
}
