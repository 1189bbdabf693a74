import { Dexie, type DBCore, type DBCoreCursor, type DBCoreTable, type Middleware } from 'dexie';
import { keepAlive, NativePromise } from './keepAlive';
import { isSealed, openRow, sealRow } from './seal';
import { SEALED_TABLES, type SealedTable } from './sealedTables';
import { SERVER_FIELD, serverEnvelope, type ServerSealer } from './serverSeal';

type Row = Record<string, unknown>;

/**
 * Seals and opens the rows of the sealed tables (./sealedTables.ts) transparently, as a Dexie DBCore
 * middleware: every read and write of the Dexie API goes through DBCore (get, bulkGet, toArray, where,
 * filter, each, modify, update, liveQuery…), so repositories, hooks and the sync engine see records as they
 * were and need no change, and no call site can forget to encrypt.
 *
 * It sits below every Dexie middleware (level -2: under the hooks, the observability of liveQuery and the
 * transaction cache), so all of them see clear records, and only IndexedDB sees sealed ones. Each batch
 * (a bulkPut, a getMany, a query) is sealed or opened in parallel while keepAlive holds the transaction
 * open: one transaction stays one transaction. A cursor (a collection filtered in JavaScript) opens each row
 * before its callback sees it.
 *
 * Outside the upgrade that seals a database's existing rows (TerrainDb version 9, a `versionchange`
 * transaction), a row in clear in a sealed table is refused as tampering.
 *
 * With a `sealer` that knows the server's key, a pending outbox row also gets its envelope for the server
 * (./serverSeal.ts), in the same write: no change waits to be sent without one once the key is known.
 */
export function sealingMiddleware(key: CryptoKey, sealer?: ServerSealer): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'TerrainVault',
    level: -2,
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        const spec = SEALED_TABLES[name];
        return spec ? sealedTable(table, name, spec, key, sealer) : table;
      },
    }),
  };
}

function sealedTable(
  down: DBCoreTable,
  name: string,
  spec: SealedTable,
  key: CryptoKey,
  sealer: ServerSealer | undefined,
): DBCoreTable {
  const seal = async (value: Row): Promise<Row> => {
    const row = await sealRow(key, name, spec, value);
    const context = sealer?.context;
    if (context) {
      const envelope = await serverEnvelope(name, context, value);
      if (envelope) row[SERVER_FIELD] = envelope;
    }
    return row;
  };
  const open = (trans: unknown, value: unknown): Promise<unknown> => {
    if (value === undefined || value === null) return NativePromise.resolve(value);
    if (isSealed(value)) return openRow(key, name, spec, value);
    if ((trans as IDBTransaction).mode === 'versionchange') return NativePromise.resolve(value);
    return NativePromise.reject(new Error(`A ${name} row is stored in clear in a sealed table`));
  };
  // Nothing to open (a get that found nothing): no need to hold the transaction.
  const openAll = (trans: unknown, values: readonly unknown[]): Promise<unknown[]> =>
    values.every((v) => v === undefined || v === null)
      ? NativePromise.resolve([...values])
      : keepAlive(
          trans,
          Dexie.ignoreTransaction(() => NativePromise.all(values.map((v) => open(trans, v)))),
        );

  return {
    ...down,
    mutate: (req) => {
      if (req.type !== 'add' && req.type !== 'put') return down.mutate(req);
      if (req.values.length === 0) return down.mutate(req);
      const sealing = Dexie.ignoreTransaction(() => NativePromise.all(req.values.map((v) => seal(v as Row))));
      return keepAlive(req.trans, sealing).then((values) => down.mutate({ ...req, values }));
    },
    get: (req) => down.get(req).then((value) => openAll(req.trans, [value]).then(([v]) => v)),
    getMany: (req) => down.getMany(req).then((values) => openAll(req.trans, values)),
    query: (req) =>
      req.values
        ? down
            .query(req)
            .then(({ result }) => openAll(req.trans, result).then((opened) => ({ result: opened })))
        : down.query(req),
    openCursor: (req) =>
      down
        .openCursor(req)
        .then((cursor) => (cursor && req.values ? openingCursor(cursor, (v) => open(req.trans, v)) : cursor)),
  };
}

/**
 * A cursor whose `value` is the opened row: when the real cursor reaches a row, the row is opened (the
 * transaction kept alive meanwhile) and only then is the caller's callback run, still inside an IndexedDB
 * event, so its `continue()` is allowed.
 */
function openingCursor(cursor: DBCoreCursor, open: (value: unknown) => Promise<unknown>): DBCoreCursor {
  let value: unknown;
  // key and primaryKey are IDBCursor getters, which refuse another `this`: forwarded, not inherited.
  const real: { key: unknown; primaryKey: unknown } = cursor;
  const opened: DBCoreCursor = Object.create(cursor, {
    key: { get: () => real.key },
    primaryKey: { get: () => real.primaryKey },
    value: { get: () => value },
    start: {
      value: (onNext: () => void) =>
        cursor.start(() => {
          keepAlive(
            cursor.trans,
            Dexie.ignoreTransaction(() => open(cursor.value)),
          ).then(
            (v) => {
              value = v;
              try {
                onNext();
              } catch (error) {
                cursor.fail(error instanceof Error ? error : new Error(String(error)));
              }
            },
            (error: unknown) => cursor.fail(error instanceof Error ? error : new Error(String(error))),
          );
        }),
    },
  }) as DBCoreCursor;
  return opened;
}
