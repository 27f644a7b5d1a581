import type {
  CompiledQuery,
  DatabaseConnection,
  Dialect,
  Driver,
  QueryCompiler,
  QueryResult,
  TransactionSettings,
} from 'kysely';

/**
 * Queries sent at once on one connection — `Promise.all([q(trx), r(trx)])` inside a
 * transaction. Kysely queues them one behind the other, but when the first fails it rolls the
 * transaction back while the rest still wait in its queue: they then run after the rollback, on
 * a connection outside any transaction (a write of a transaction that failed is committed on its
 * own) or already back in the pool and in another request's hands (pg: "client.query() when the
 * client is already executing a query"). Issue 12 found the warning; the test beside this
 * module found the committed write, on both drivers.
 *
 * So a connection is lent to one unit of work (a query, or a transaction) at a time: its own
 * steps (commit, rollback) wait for the query running on it, a query sent while another runs
 * is refused, and once the transaction has ended — or the connection has gone back — every
 * query still in the queue is refused instead of run.
 */
export class ConnectionMisuseError extends Error {
  override name = 'ConnectionMisuseError';
  constructor(what: 'at-once' | 'after-end') {
    super(
      what === 'at-once'
        ? 'Two queries at once on one database connection: await each query of a transaction before sending the next (src/db/one-query-at-a-time.ts)'
        : 'A query after its transaction ended, or after its connection went back to the pool: await each query of a transaction before sending the next (src/db/one-query-at-a-time.ts)',
    );
  }
}

/** One loan of a connection: one query at a time, none after the loan's transaction ended. */
class Loan implements DatabaseConnection {
  /** The query or step running now; the transaction's own steps wait for it. */
  #running: Promise<unknown> | undefined;
  #ended = false;
  /** Whether anything ran on the loan yet: a transaction begun first thing owns the loan. */
  #used = false;
  #ownedByTransaction = false;

  constructor(readonly inner: DatabaseConnection) {}

  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return this.#claim(() => this.inner.executeQuery<R>(query));
  }

  async *streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    if (this.#ended) throw new ConnectionMisuseError('after-end');
    if (this.#running) throw new ConnectionMisuseError('at-once');
    let done!: () => void;
    this.#running = new Promise<void>((resolve) => {
      done = resolve;
    });
    try {
      yield* this.inner.streamQuery<R>(query, chunkSize);
    } finally {
      this.#running = undefined;
      done();
    }
  }

  /** The transaction begins: it owns the loan when it is the first thing on it. */
  begin<T>(work: () => Promise<T>): Promise<T> {
    this.#ownedByTransaction = !this.#used;
    return this.step(work);
  }

  /** Savepoints: after the query running now, if one is. */
  async step<T>(work: () => Promise<T>): Promise<T> {
    while (this.#running) await this.#running.catch(() => undefined);
    return this.#claim(work);
  }

  /**
   * Commit or rollback: from now on the loan takes no more queries (those still queued behind
   * a failed one are refused, not run outside the transaction); the step itself waits for the
   * query running now, so the connection is never asked two things at once. A transaction run
   * on a connection taken for more (Kysely's migrator: an advisory lock around it) leaves the
   * connection open for what follows it.
   */
  async end<T>(work: () => Promise<T>): Promise<T> {
    this.#ended = true;
    while (this.#running) await this.#running.catch(() => undefined);
    try {
      return await this.#run(work);
    } finally {
      if (!this.#ownedByTransaction) this.#ended = false;
    }
  }

  /** The connection went back: nothing more through this loan. */
  close() {
    this.#ended = true;
  }

  #claim<T>(work: () => Promise<T>): Promise<T> {
    if (this.#ended) return Promise.reject(new ConnectionMisuseError('after-end'));
    if (this.#running) return Promise.reject(new ConnectionMisuseError('at-once'));
    return this.#run(work);
  }

  #run<T>(work: () => Promise<T>): Promise<T> {
    this.#used = true;
    const running = work().finally(() => {
      if (this.#running === running) this.#running = undefined;
    });
    this.#running = running;
    return running;
  }
}

class OneAtATimeDriver implements Driver {
  constructor(private readonly inner: Driver) {}

  init() {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new Loan(await this.inner.acquireConnection());
  }

  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    const loan = connection as Loan;
    return loan.begin(() => this.inner.beginTransaction(loan.inner, settings));
  }

  commitTransaction(connection: DatabaseConnection) {
    const loan = connection as Loan;
    return loan.end(() => this.inner.commitTransaction(loan.inner));
  }

  rollbackTransaction(connection: DatabaseConnection) {
    const loan = connection as Loan;
    return loan.end(() => this.inner.rollbackTransaction(loan.inner));
  }

  async savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    const loan = connection as Loan;
    await loan.step(async () => this.inner.savepoint?.(loan.inner, name, compile));
  }

  async rollbackToSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ) {
    const loan = connection as Loan;
    await loan.step(async () => this.inner.rollbackToSavepoint?.(loan.inner, name, compile));
  }

  async releaseSavepoint(
    connection: DatabaseConnection,
    name: string,
    compile: QueryCompiler['compileQuery'],
  ) {
    const loan = connection as Loan;
    await loan.step(async () => this.inner.releaseSavepoint?.(loan.inner, name, compile));
  }

  releaseConnection(connection: DatabaseConnection) {
    const loan = connection as Loan;
    loan.close();
    return this.inner.releaseConnection(loan.inner);
  }

  destroy() {
    return this.inner.destroy();
  }
}

/** The dialect whose connections are lent one unit of work at a time (ConnectionMisuseError). */
export function oneQueryAtATime(dialect: Dialect): Dialect {
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new OneAtATimeDriver(dialect.createDriver()),
    createIntrospector: (db) => dialect.createIntrospector(db),
    createQueryCompiler: () => dialect.createQueryCompiler(),
  };
}
