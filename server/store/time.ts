// Timestamps in the database are ISO 8601 text in UTC: readable in any SQLite shell and sortable as text.
export function nowIso(): string {
  return new Date().toISOString();
}
