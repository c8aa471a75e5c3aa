// What a password is made of, for estimating its strength (S3, issue 9 item 13): the characters a
// cracker would try for it. "Ａｃｍｅ２０２６！！Ｑ１" (fullwidth), "Ácmé2026" (accents), "Аcmе2026"
// (Cyrillic А and е) and "Ac\u200Bme2026" (a zero-width space) are all "Acme2026" to a wordlist with
// the usual rules, so they are judged as that. Only the estimate uses this form; the password itself
// is stored (hashed) exactly as typed.

/** Letters of other scripts that look like Latin ones, and Latin letters NFKD does not take apart. */
const LOOKALIKES: ReadonlyMap<string, string> = new Map(
  [
    // Cyrillic
    "АA аa ВB вb ЕE еe ЁE ёe КK кk МM мm НH нh",
    "ОO оo РP рp СC сc ТT тt УY уy ХX хx ЅS ѕs",
    "ІI іi ЇI їi ЈJ јj ԀD ԁd ԚQ ԛq ԜW ԝw ҮY үy",
    "ҺH һh ӀI ӏl Ьb ьb",
    // Greek
    "ΑA αa ΒB ΕE εe ΖZ ΗH ΙI ιi ΚK κk ΜM ΝN νv",
    "ΟO οo ΡP ρp ΤT τt ΥY υu ΧX χx ωw",
    // Latin letters without a decomposition
    "ßss ẞSS ÆAE æae ŒOE œoe ØO øo ŁL łl ĐD đd ıi ĦH ħh",
  ]
    .join(" ")
    .split(" ")
    // Each entry: the lookalike character, then what it stands for.
    .map((entry) => [String.fromCodePoint(entry.codePointAt(0)!), [...entry].slice(1).join("")] as const),
);

/**
 * Compatibility decomposition (the K of NFKC) folds fullwidth and other compatibility forms; dropping
 * the combining marks it leaves folds accents; format characters (zero-width spaces and joiners, soft hyphens, direction marks) are
 * dropped; lookalike letters become the Latin ones. Case is kept: it is part of the estimate.
 */
export function canonicalPassword(password: string): string {
  const folded = password.normalize("NFKD").replace(/[\p{M}\p{Cf}]/gu, "");
  return [...folded]
    .map((c) => LOOKALIKES.get(c) ?? c)
    .join("")
    .normalize("NFC");
}
