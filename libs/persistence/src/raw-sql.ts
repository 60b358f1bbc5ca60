/** The part of a PrismaClient (or its transaction client) the platform helpers need; keeps them free of any app's generated client. */
export interface RawSql {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

export interface TransactionalRawSql extends RawSql {
  $transaction<R>(work: (tx: RawSql) => Promise<R>, options?: { timeout?: number; maxWait?: number }): Promise<R>;
}
