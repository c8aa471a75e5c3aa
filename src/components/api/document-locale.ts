// The language a page was rendered in, for code outside React (the fetch helpers' error words): the root
// layout writes it into <html lang> (issue 13). On the server, or before the page has one, English.
export function documentLocale(): string {
  if (typeof document === "undefined") return "en";
  return document.documentElement.lang || "en";
}
