// Frequent passwords and base words from public breach corpora (top entries), compared case-insensitively
// after stripping leading/trailing digits and symbols. Short on purpose: the length rule does most work.
export const COMMON_PASSWORDS = new Set([
  "password", "passw0rd", "p@ssw0rd", "p@ssword", "qwerty", "qwertyuiop", "letmein", "welcome", "admin", "administrator",
  "iloveyou", "monkey", "dragon", "football", "baseball", "sunshine", "princess", "master", "shadow", "superman",
  "trustno", "starwars", "whatever", "freedom", "hello", "charlie", "michael", "jennifer", "jordan", "hunter",
  "abc", "abcdef", "abcdefgh", "changeme", "secret", "default", "login", "access", "mustang", "batman",
  "passwordpassword", "password1234", "qwerty123456", "123456789012", "1234567890ab", "111111111111", "000000000000",
  "123123123123", "qwertyqwerty", "letmeinletmein", "iloveyouiloveyou", "welcomewelcome", "adminadmin", "helpdesk",
  "support", "summer", "winter", "spring", "autumn", "january", "december", "company", "computer", "internet",
  "correcthorsebatterystaple", "correct-horse-battery-staple", "zaq1zaq1", "1q2w3e4r5t6y", "1qaz2wsx3edc", "qazwsxedc",
  "asdfghjkl", "zxcvbnm", "asdf", "pass", "test", "testing", "demo", "guest", "root", "toor", "oracle", "postgres",
]);
