// Counts the SQL statements a piece of work sends (drizzle's logger, both drivers):
// the query-discipline tests hold each main page to a fixed number, whatever the data.
import { observeQueries } from "#db/client";

export async function countQueries<T>(work: () => Promise<T>): Promise<{ result: T; count: number; queries: string[] }> {
  const queries: string[] = [];
  const stop = observeQueries((q) => queries.push(q));
  try {
    const result = await work();
    return { result, count: queries.length, queries };
  } finally {
    stop();
  }
}
