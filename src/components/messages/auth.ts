// The public account pages' texts (issue 13): sign-in and its two-factor step, forgotten and reset
// passwords, invitations, and the new-password fields they share.
import { defineMessages, type MessageIdOf, type Translator } from "./define";

export const AUTH_MESSAGES = defineMessages({
  "auth.password": "Password",
  "auth.tooManyAttempts": "Too many attempts, try again later",
  "auth.network": "Could not reach the server. Check your connection.",
  "auth.forgotPassword": "Forgot your password?",
  "auth.backToSignIn": "Back to sign-in",
  "auth.askNewLink": "Ask for a new link",

  "signIn.title": "Sign in",
  "signIn.intro": "Use the email and password your administrator gave you.",
  "signIn.submit": "Sign in",
  "signIn.wrongPassword": "Wrong email or password",
  "signIn.refusedOrigin": "Sign-in was refused from this address. Open the helpdesk at its usual address and try again.",
  "signIn.failed": "Sign-in failed. Please try again.",
  "signIn.otherAddress": "This page is open at {here}, but this helpdesk signs in at {appOrigin}. {link}.",
  "signIn.otherAddressLink": "Open the sign-in page there",

  "twoFactor.wrongCode": "Wrong or expired code. Try again, or sign in again if it keeps failing.",
  "twoFactor.failed": "Verification failed. Please try again.",
  "twoFactor.code": "Authentication code",
  "twoFactor.backupHint": "One of your backup codes; each works once.",
  "twoFactor.totpHint": "The 6-digit code from your authenticator app.",
  "twoFactor.useBackup": "Use a backup code",
  "twoFactor.verify": "Verify",
  "twoFactor.restart": "Use a different account",

  "forgot.metaTitle": "Forgot password",
  "forgot.intro": "Enter the e-mail address you sign in with. If it belongs to an account, we send a link to choose a new password.",
  "forgot.sent":
    "If {email} belongs to an account, a link to choose a new password is on its way. It works once, for 30 minutes. Check your spam folder if nothing arrives within a few minutes.",
  "forgot.submit": "Send reset link",

  "reset.title": "Choose a new password",
  "reset.intro": "Choosing a new password signs you out on every device.",
  "reset.done": "Your password was changed and you were signed out everywhere.",
  "reset.signInWithNew": "Sign in with the new password",
  "reset.needsLink": "This page needs the link from the reset e-mail. {link}.",
  "reset.submit": "Set new password",

  "invite.metaTitle": "Accept invite",
  "invite.welcome": "Welcome, {name}",
  "invite.intro": "Choose a password for {email} to finish setting up your account.",
  "invite.unusableTitle": "This invite link cannot be used",
  "invite.unusableText": "It is invalid, has expired or was already used. Ask your administrator for a new one.",
  "invite.goToSignIn": "Go to sign-in",
  "invite.invalid": "This invite link is invalid, has expired or was already used.",
  "invite.yourName": "Your name",
  "invite.submit": "Set password and sign in",

  "newPassword.label": "New password",
  "newPassword.hint": "At least {min} characters; not a common password and not your e-mail address.",
  "newPassword.repeat": "Repeat the password",
  "newPassword.mismatch": "The two passwords differ.",
});

export type AuthMessageId = MessageIdOf<typeof AUTH_MESSAGES>;
export type AuthTranslator = Translator<AuthMessageId>;
