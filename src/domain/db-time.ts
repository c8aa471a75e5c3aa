// Instants a client may name (a cursor's position, a day filter, an export's range) that a PostgreSQL
// timestamp holds (attack pass 2, D3): JavaScript accepts year 0 and years past 9999, PostgreSQL refuses
// them, and each reached a query as a 500. Refused at parsing instead, on the API and the pages alike.
import { z } from "zod";

const MIN = Date.parse("0001-01-01T00:00:00Z");
// Exclusive, a day short of PostgreSQL's end: a day filter's end (the day after) is still a timestamp.
const MAX = Date.parse("9999-12-31T00:00:00Z");
const MESSAGE = "must be a date between the years 1 and 9999";

export const inDbRange = (d: Date): boolean => d.getTime() >= MIN && d.getTime() < MAX;

/** z.iso.datetime() held to what the database stores. */
export const zDbDateTime = () => z.iso.datetime().refine((s) => inDbRange(new Date(s)), MESSAGE);

/** z.iso.date() (a UTC day) held to what the database stores. */
export const zDbDay = (params?: Parameters<typeof z.iso.date>[0]) => z.iso.date(params).refine((s) => inDbRange(new Date(`${s}T00:00:00Z`)), MESSAGE);
