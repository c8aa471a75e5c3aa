// Validation and request failures in words a person uses (issue 13 polish), for the API's schema checks
// (src/http/body.ts words every schema issue with these, in English: the API's language) and for the
// forms, which word the same rule again in the reader's language (components/api/send-json.ts).
import { defineMessages, plural } from "./define";

export const VALIDATION_MESSAGES = defineMessages({
  // A lower-case fragment: the form puts the field's label in front ("Title is required", FieldError).
  "validation.required": "is required",
  "validation.tooShort": (v, locale) =>
    Number(v.minimum) <= 1
      ? "is required"
      : plural(Number(v.minimum), locale, { one: "Use at least {count} character.", other: "Use at least {count} characters." }),
  "validation.tooLong": (v, locale) => plural(Number(v.maximum), locale, { one: "Use at most {count} character.", other: "Use at most {count} characters." }),
  "validation.tooSmall": "Use {minimum} or more.",
  "validation.tooBig": "Use {maximum} or less.",
  "validation.tooFew": "Choose at least {minimum}.",
  "validation.tooMany": "Choose at most {maximum}.",
  "validation.text": "Enter text here.",
  "validation.number": "Enter a number.",
  "validation.wholeNumber": "Enter a whole number.",
  "validation.yesNo": "Choose yes or no.",
  "validation.list": "Send a list here.",
  "validation.wrongKind": "This value is not of the expected kind.",
  "validation.email": "Enter an e-mail address like name@example.com.",
  "validation.url": "Enter a web address that starts with https://.",
  "validation.id": "Choose one from the list.",
  "validation.date": "Enter a date like 2027-12-24.",
  "validation.dateTime": "Enter a date and time like 2027-12-24T09:30:00Z.",
  "validation.format": "This is not in the expected format.",
  "validation.oneOf": "Choose one of: {values}.",
  "validation.unknownFields": "Remove what this form does not have: {keys}.",
  "validation.invalid": "Check this value.",
  "request.correctFields": "Please correct the fields marked below.",
  "request.network": "Could not reach the server. Check your connection.",
  "request.sessionEnded": "Your session has ended. Sign in again.",
  "request.forbidden": "You are not allowed to do this.",
  "request.notFound": "This ticket no longer exists or is not visible to you.",
  "request.tooLarge": "That is too long to send.",
  "request.tooMany": "Too many requests. Wait a moment and try again.",
  "request.failed": "Something went wrong. Try again.",
  "auth.wrongPassword": "That password is not correct.",
  "auth.wrongCode": "That code is not correct or has expired. Enter the current code from your app.",
  "auth.badResetLink": "This reset link is invalid, has expired or was already used. Ask for a new one.",
  "auth.passwordTooShort": "Use at least 12 characters.",
  "auth.passwordTooLong": "Use at most 128 characters.",
  "auth.twoFactorAlreadyOn": "Two-factor authentication is already on. Reload the page.",
  "auth.twoFactorNotOn": "Two-factor authentication is not on. Reload the page.",
  "auth.refused": "This request was refused. Reload the page and try again.",
  "auth.tooManyAttempts": "Too many attempts. Wait a moment and try again.",
});

export type ValidationRule = Extract<keyof typeof VALIDATION_MESSAGES.en, `validation.${string}`>;
