// The account security page's texts (issue 13): two-factor authentication, sessions, the password, and
// the organization's MFA rule for those who manage it.
import { defineMessages, type MessageIdOf, plural, type Translator } from "./define";

export const ACCOUNT_MESSAGES = defineMessages({
  "security.title": "Account security",
  "security.intro": "Two-factor authentication, where you are signed in, and your password.",
  "mfaNotice.title": "Two-factor authentication is required",
  "mfaNotice.body":
    "Your organization requires two-factor authentication for everyone. Set it up below to continue to the rest of Helpdesk; until then, this page is the only one available to you.",

  "password.title": "Change password",
  "password.intro": "Changing your password signs out every other device.",
  "password.changed": "Password changed. Your other devices were signed out.",
  "password.currentWrong": "Your current password is not correct.",
  "password.current": "Current password",
  "password.new": "New password",
  "password.newHint": "At least 12 characters. Not a common password, and not containing your e-mail address. A few unrelated words make a strong one.",
  "password.submit": "Change password",

  "orgSecurity.title": "Organization security",
  "orgSecurity.requireMfa": "Require two-factor authentication for everyone",
  "orgSecurity.hint": "Members without two-factor authentication can only reach their account security page until they set it up.",
  "orgSecurity.hintNotEnrolled":
    "Members without two-factor authentication can only reach their account security page until they set it up. That includes you: set up your own two-factor authentication first.",

  "sessions.title": "Active sessions",
  "sessions.intro": "Browsers and devices signed in to your account. If you do not recognise one, revoke it and change your password.",
  "sessions.caption": "Your active sessions",
  "sessions.device": "Device",
  "sessions.ip": "IP address",
  "sessions.signedIn": "Signed in",
  "sessions.lastActive": "Last active",
  "sessions.actions": "Actions",
  "sessions.thisDevice": "This device",
  "sessions.unknownIp": "Unknown",
  "sessions.noOthers": "You are not signed in anywhere else.",
  "sessions.revoke": "Revoke",
  "sessions.revokeLabel": "Revoke session: {device}",
  "sessions.revokeOthers": "Sign out all other sessions",
  "sessions.otherCount": (vars, locale) => plural(Number(vars.count), locale, { one: "{count} other session", other: "{count} other sessions" }),

  "twoFactor.title": "Two-factor authentication",
  "twoFactor.on": "On",
  "twoFactor.off": "Off",
  "twoFactor.enabledIntro": "Signing in needs your password and a code from your authenticator app.",
  "twoFactor.disabledIntro": "Signing in needs only your password. Add a code from an authenticator app so a stolen password is not enough.",
  "twoFactor.setUp": "Set up two-factor authentication",
  "twoFactor.newCodes": "Get new recovery codes",
  "twoFactor.turnOff": "Turn off two-factor authentication",
  "twoFactor.enrolled": "Two-factor authentication is on. Your other devices were signed out.",
  "twoFactor.disabled": "Two-factor authentication is off. Your other devices were signed out.",
  "twoFactor.disableRequired": "Your organization requires two-factor authentication: until you set it up again, only this page will be available to you.",
  "twoFactor.disableIntro": "Signing in will need only your password again. Your other devices will be signed out.",
  "twoFactor.yourNewCodes": "Your new recovery codes",
  "twoFactor.codesRenewed": "New recovery codes saved. The old ones no longer work.",
  "twoFactor.done": "Done",
  "twoFactor.newCodesIntro": "Your current recovery codes will stop working.",
  "twoFactor.confirmPassword": "Confirm with your password",

  "enrol.continue": "Continue",
  "enrol.intro": "You will need an authenticator app on your phone, such as 1Password, Google Authenticator or Microsoft Authenticator.",
  "enrol.scan": "Scan the QR code with your authenticator app",
  "enrol.saveCodes": "Save your recovery codes",
  "enrol.enterCode": "Enter the code from the app",
  "enrol.confirmSavedFirst": "First confirm that you saved your recovery codes.",
  "enrol.cancel": "Cancel setup",
  "enrol.qrAlt": "QR code to scan with your authenticator app",
  "enrol.qrFailed": "The QR code could not be drawn; enter the key instead.",
  "enrol.qrDrawing": "Drawing the QR code…",
  "enrol.setupKey": "Setup key",
  "enrol.setupKeyHint": "Cannot scan? Choose “enter a setup key” in your app and type this key. It is time-based (TOTP).",
  "enrol.code": "Code from your authenticator app",
  "enrol.codeHint": "The 6-digit code your app shows for Helpdesk now.",
  "enrol.turnOn": "Turn on two-factor authentication",

  "recovery.hint":
    "Each code signs you in once if you lose your authenticator. Keep them somewhere safe, such as a password manager. They will not be shown again.",
  "recovery.list": "Recovery codes",
  "recovery.copy": "Copy codes",
  "recovery.copied": "Copied.",
  "recovery.copyUnavailable": "Copying is not available here; write the codes down instead.",
  "recovery.saved": "I have saved these recovery codes",
});

export type AccountTranslator = Translator<MessageIdOf<typeof ACCOUNT_MESSAGES>>;
