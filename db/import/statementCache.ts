import type { Db } from '../connection.js';

/**
 * Runs `fn` with `db.prepare` answering from a cache: the residents functions the import calls
 * prepare their statements on every call, which for 10,000 rows was most of the import's time.
 * Only for the synchronous span of `fn` (nothing else can run on the connection meanwhile), then
 * the connection is as before. A cached reader is reset to plain rows before it is handed out, so
 * a caller that set pluck/raw/expand cannot change what the next caller gets.
 */
export function withStatementCache<T>(db: Db, fn: () => T): T {
  const original = db.prepare;
  const own = Object.hasOwn(db, 'prepare');
  const cache = new Map<string, ReturnType<Db['prepare']>>();
  const cached = ((sql: string) => {
    let stmt = cache.get(sql);
    if (!stmt) {
      stmt = original.call(db, sql);
      cache.set(sql, stmt);
    } else if (stmt.reader) {
      stmt.pluck(false);
      stmt.expand(false);
      stmt.raw(false);
    }
    return stmt;
  }) as Db['prepare'];
  db.prepare = cached;
  try {
    return fn();
  } finally {
    if (own) db.prepare = original;
    else delete (db as Partial<Db>).prepare;
  }
}
