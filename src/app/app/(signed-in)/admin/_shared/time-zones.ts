/** Every zone Intl knows, UTC first; the saved one stays selectable even if this runtime does not list it. */
export function timeZoneChoices(current: string): string[] {
  const known = Intl.supportedValuesOf("timeZone").filter((z) => z !== "UTC");
  return ["UTC", ...(current !== "UTC" && !known.includes(current) ? [current] : []), ...known];
}
