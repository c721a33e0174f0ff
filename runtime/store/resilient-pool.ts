/**
 * A node-postgres pool whose checked-out clients cannot leak. drizzle-orm 0.45 runs a transaction's
 * BEGIN outside its try/finally, so when the connection is dead at BEGIN the client is never released
 * and the pool loses a slot for good (a few dropped connections, and every later query waits forever).
 * Here a client that loses its connection while checked out releases itself with the error (the pool
 * then discards it), and a second release is a no-op instead of a throw.
 */
import pg from 'pg';

export class ResilientPool extends pg.Pool {
  // One signature for pg's two (callback and promise); drizzle uses the promise form.
  override connect(callback?: any): any {
    if (callback) return super.connect(callback);
    return super.connect().then(releaseOnLoss);
  }
}

function releaseOnLoss(client: pg.PoolClient): pg.PoolClient {
  const release = client.release;
  let released = false;
  const lost = () => finish(new Error('connection lost while checked out'));
  const finish = (error?: Error | boolean) => {
    if (released) return;
    released = true;
    client.removeListener('end', lost);
    release.call(client, error);
  };
  client.once('end', lost);
  client.release = finish;
  return client;
}
