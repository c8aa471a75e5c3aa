// Multi-row INSERT as `INSERT ... SELECT * FROM unnest($1::type[], $2::type[], ...)`: one array parameter per
// column, however many rows. Issue 15: drizzle's VALUES builder spends CPU on every value (a batch of the
// breach scan, a few thousand rows, cost more time building SQL than PostgreSQL spent inserting it); this
// costs the same for one row or ten thousand. The caller appends ON CONFLICT / RETURNING as it needs.
import { sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";

/** A column to fill: its drizzle column, the PostgreSQL type of one value, one value per row. */
export type UnnestColumn = { column: PgColumn; type: "uuid" | "text" | "varchar" | "timestamptz" | "jsonb" | "boolean" | "integer"; values: unknown[] };

export function unnestInsert(table: PgTable, columns: UnnestColumn[]): SQL {
  const rows = columns[0]?.values.length ?? 0;
  if (columns.some((c) => c.values.length !== rows)) throw new Error("unnestInsert: every column needs one value per row");
  const names = sql.join(
    columns.map((c) => sql.identifier(c.column.name)),
    sql`, `,
  );
  const arrays = sql.join(
    columns.map((c) => sql`${sql.param(c.values.map(toDriver))}::${sql.raw(c.type)}[]`),
    sql`, `,
  );
  return sql`insert into ${table} (${names}) select * from unnest(${arrays})`;
}

/** Dates as ISO text (the array literal's timestamptz), objects as JSON text (jsonb); the rest as they are. */
function toDriver(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === "object") return JSON.stringify(value);
  return value;
}
