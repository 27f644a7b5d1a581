import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema';

/** What a query runs on: the database itself, or the transaction a route or service opened. */
export type Q = Kysely<Database> | Transaction<Database>;

/** A transaction, for queries that must run inside one (a lock, writes that stand or fall together). */
export type Trx = Transaction<Database>;
