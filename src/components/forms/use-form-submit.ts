"use client";

import { useRef, useState, type FormEvent } from "react";
import type { ApiError, ApiResult } from "@/components/api/send-json";

/** What an action answers: sendJson's result, postAuth's (same shape), or one a form builds itself. */
export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ApiError };

interface Options<T> {
  /**
   * The success step leaves the form (navigates, or the parent replaces it): stay pending so it cannot be
   * sent twice in between. Otherwise the form is usable again once the success step has run. A function
   * decides by the answer (sign-in leaves unless a two-factor code is still needed).
   */
  leaves?: boolean | ((data: T) => boolean);
}

/**
 * The one submission flow of a client form (issue 10, forms): ignore a second submit while one is in
 * flight, show pending, clear the last error, run the action (sendJson, postAuth or a local check), keep its
 * ApiError for the form to show (summary and per-field messages), and on success run the form's next step
 * (reset, router.refresh, router.push…). sendJson stays the one HTTP client; this only holds the state.
 */
export function useFormSubmit() {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  // A ref, not state: two clicks in the same tick both see `pending` still false.
  const inFlight = useRef(false);

  async function run<T>(action: () => Promise<ActionResult<T> | ApiResult<T>>, onSuccess?: (data: T) => unknown, options: Options<T> = {}): Promise<boolean> {
    if (inFlight.current) return false;
    inFlight.current = true;
    setPending(true);
    setError(null);
    let stay = false;
    try {
      const result = await action();
      if (!result.ok) {
        setError(result.error);
        return false;
      }
      await onSuccess?.(result.data);
      stay = typeof options.leaves === "function" ? options.leaves(result.data) : options.leaves === true;
      return true;
    } finally {
      if (!stay) {
        inFlight.current = false;
        setPending(false);
      }
    }
  }

  /** An onSubmit handler: reads the form's data, runs the action, then the success step with the form. */
  function onSubmit<T>(
    action: (data: FormData, form: HTMLFormElement) => Promise<ActionResult<T> | ApiResult<T>>,
    onSuccess?: (data: T, form: HTMLFormElement) => unknown,
    options?: Options<T>,
  ) {
    return (event: FormEvent<HTMLFormElement>) => {
      event.preventDefault();
      const form = event.currentTarget;
      void run(
        () => action(new FormData(form), form),
        (data) => onSuccess?.(data, form),
        options,
      );
    };
  }

  return { pending, error, fieldErrors: error?.fieldErrors ?? {}, run, onSubmit, setError };
}

/** A failure a form decides itself (a local check, a library's own answer), in the ApiError shape. */
export function failure(message: string, more: Partial<Omit<ApiError, "message">> = {}): { ok: false; error: ApiError } {
  return { ok: false, error: { status: 0, code: "error", fieldErrors: {}, ...more, message } };
}
