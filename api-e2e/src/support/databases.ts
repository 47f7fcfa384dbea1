import { Client } from 'pg';

/** Where the PostgreSQL runs of the suite create their databases (one per server). */
export const POSTGRES_ADMIN_URL = process.env.E2E_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** `E2E_STORE=postgres` runs the whole contract suite against PostgreSQL. */
export const usePostgres = process.env.E2E_STORE === 'postgres';

let counter = 0;

/**
 * A fresh, empty database of its own, so runs (and earlier sessions' leftovers)
 * never see each other's data. Returns its URL and a function that drops it.
 */
export async function createDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  counter += 1;
  const name = `chat_e2e_${process.pid}_${Date.now().toString(36)}_${counter}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(POSTGRES_ADMIN_URL);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)) };
}

async function admin(work: (client: Client) => Promise<unknown>): Promise<void> {
  const client = new Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    await work(client);
  } finally {
    await client.end();
  }
}
