import { Dexie, type Table } from 'dexie';
import { encodeHlc } from '../../core/hlc';
import { formVersionKey } from '../../core/records/formVersion';
import type {
  DraftRecord,
  ExchangeRateRecord,
  FormFileRecord,
  FormRecord,
  IndicatorRecord,
  IndicatorValueRecord,
  MemberRecord,
  OrganisationRecord,
  MediaRecord,
  OutboxEntry,
  PlannedDisbursementRecord,
  ProjectRecord,
  ReviewEventRecord,
  ReviewRecord,
  SubmissionRecord,
  SyncMeta,
  TransactionRecord,
} from './schema';
import { SEALED_TABLE_NAMES } from '../vault/sealedTables';

/**
 * One IndexedDB database per user (`terrain-<userId>`): tablets are shared between agents, and each user's
 * outbox, seq numbering and clientId must stay apart so one user's unsynced work never goes out under
 * another's token.
 */
/** Sealed tables added after version 9's sealing upgrade, which must not read them. */
const LATER_SEALED = ['members'];

export class TerrainDb extends Dexie {
  declare readonly drafts: Table<DraftRecord, string>;
  declare readonly submissions: Table<SubmissionRecord, string>;
  declare readonly outbox: Table<OutboxEntry, number>;
  declare readonly forms: Table<FormRecord, string>;
  declare readonly projects: Table<ProjectRecord, string>;
  declare readonly meta: Table<SyncMeta, 'sync'>;
  declare readonly media: Table<MediaRecord, string>;
  declare readonly reviews: Table<ReviewRecord, string>;
  declare readonly organisations: Table<OrganisationRecord, string>;
  declare readonly indicators: Table<IndicatorRecord, string>;
  declare readonly indicatorValues: Table<IndicatorValueRecord, string>;
  declare readonly reviewEvents: Table<ReviewEventRecord, string>;
  declare readonly members: Table<MemberRecord, string>;
  declare readonly formFiles: Table<FormFileRecord, string>;
  declare readonly transactions: Table<TransactionRecord, string>;
  declare readonly plannedDisbursements: Table<PlannedDisbursementRecord, string>;
  declare readonly exchangeRates: Table<ExchangeRateRecord, string>;

  constructor(
    readonly userId: string,
    name = `terrain-${userId}`,
  ) {
    super(name);
    this.version(1).stores({
      drafts: 'id, updatedAt, formId',
      submissions: 'id, finalizedAt, syncState, formId',
      // [table+id] lets a pull find, in one query, which pulled rows still have local changes in flight.
      outbox: 'seq, state, &mutationId, [table+id]',
      forms: 'key, formId, projectId',
      projects: 'id',
      meta: 'key',
    });
    // Version 2 adds the media blobs (photos, recordings, files) named by SHA-256. Only the new table is
    // declared: Dexie keeps every existing table and its rows as they are.
    this.version(2).stores({ media: 'sha256, createdAt' });
    // Version 3 indexes which media wait for upload. Files stored before it are marked `unchecked`: the sync
    // code (uploadMedia) sends those this device's submissions name, which nothing could send before.
    this.version(3)
      .stores({ media: 'sha256, createdAt, uploadState' })
      .upgrade((tx) => tx.table('media').toCollection().modify({ uploadState: 'unchecked' }));
    // Version 4 indexes submission versions: `replaces` walks a chain of corrections, `versionState` lists
    // and counts current versions. Neither index holds a plain submission (undefined and null are not keys),
    // and no stored submission had a version before, so there is nothing to upgrade.
    this.version(4).stores({ submissions: 'id, finalizedAt, syncState, formId, replaces, versionState' });
    // Version 5 adds reviews, the first mergeable records (src/core/sync/mergeTables.ts): a new table only.
    this.version(5).stores({ reviews: 'id, projectId' });
    // Version 6 adds the coordination records (organisations, indicators, indicator values): new tables only.
    this.version(6).stores({
      organisations: 'id',
      indicators: 'id, projectId',
      indicatorValues: 'id, indicatorId, projectId',
    });
    // Version 7 adds the review history (review events, mergeable, by the record they are about) and
    // indexes submissions by project for the review queue. Dexie indexes the stored rows itself: no upgrade.
    this.version(7).stores({
      submissions: 'id, finalizedAt, syncState, formId, replaces, versionState, projectId',
      reviewEvents: 'id, targetId',
    });
    // Version 8 keys form versions by project, `<projectId>/<formId>@<version>` (issue 11: two projects may
    // use one form id). The versions this device holds are renamed here, with no network, so a draft started
    // on one of them still opens and finalizes when the app updates offline. The server renamed its own alike.
    this.version(8)
      .stores({})
      .upgrade(async (tx) => {
        const forms = tx.table<FormRecord, string>('forms');
        const held = await forms.toArray();
        await forms.clear();
        await forms.bulkPut(
          held.map((f) => ({ ...f, key: formVersionKey(f.projectId, f.formId, f.version) })),
        );
      });
    // Version 9 seals personal data at rest (src/app/vault): the app opens this database only through the
    // vault, with the sealing middleware in place, so rewriting each row of the sealed tables here seals the
    // rows stored before, in this one upgrade transaction: a database is never half sealed. In chunks, so
    // photos are not all in memory at once.
    this.version(9)
      .stores({})
      .upgrade(async (tx) => {
        // The tables sealed at version 9: later ones (members, version 10) did not exist yet.
        for (const name of SEALED_TABLE_NAMES.filter((n) => !LATER_SEALED.includes(n))) {
          const table = tx.table(name);
          const keys = await table.toCollection().primaryKeys();
          for (let i = 0; i < keys.length; i += 50) {
            const rows = await table.bulkGet(keys.slice(i, i + 50));
            await table.bulkPut(rows.filter((row) => row !== undefined));
          }
        }
      });
    // Version 10 adds the people of the user's projects (`members`, pulled, read only, sealed but for their
    // ids): a new table, filled by the next pull (a new pulled table pulls again from 0). It also indexes
    // reviews by status and submissions by author, so the header's "À corriger" count reads keys only
    // (src/app/repositories/toCorrect.ts). Both fields are in clear (sealedTables.ts): no upgrade.
    this.version(10).stores({
      members: 'id, userId, projectId',
      reviews: 'id, projectId, status',
      submissions: 'id, finalizedAt, syncState, formId, replaces, versionState, projectId, createdBy',
    });
    // Version 11 adds the media files of forms (images, sounds, videos their labels name), by SHA-256,
    // downloaded after their version (src/app/sync/formFiles.ts): a new table only, not sealed.
    this.version(11).stores({ formFiles: 'sha256' });
    // Version 12 adds the aid flows (docs/aid-flows.md): a project's transactions and planned disbursements,
    // and the monthly exchange rates. Mergeable, pulled, not sealed (no personal data): new tables only.
    this.version(12).stores({
      transactions: 'id, projectId',
      plannedDisbursements: 'id, projectId',
      exchangeRates: 'id',
    });
    // Runs once, inside the transaction that creates the database, so the meta row always exists.
    this.on('populate', (tx) => {
      const clientId = newClientId();
      const meta: SyncMeta = {
        key: 'sync',
        clientId,
        nextSeq: 1,
        cursor: 0,
        lastSyncAt: null,
        lastError: null,
        hlc: encodeHlc({ wall: 0, counter: 0, node: clientId }),
      };
      void tx.table<SyncMeta, 'sync'>('meta').add(meta);
    });
  }
}

/** A random id matching the protocol's ClientId (letters and digits, 8-64). */
export function newClientId(): string {
  return crypto.randomUUID().replaceAll('-', '');
}

export function openTerrainDb(userId: string): TerrainDb {
  return new TerrainDb(userId);
}
