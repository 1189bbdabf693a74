import type { ColumnType } from 'kysely';

/**
 * Row types of the media tables (see mediaMigration.ts). The bytes live in the database, not on a disk next
 * to it, so stateless server replicas in front of one PostgreSQL all see the same files, and a database
 * backup holds the photos with the records that name them.
 */

/** One user's upload of one file, complete or not. Each user resumes only their own upload. */
export interface MediaUploadsTable {
  sha256: string;
  user_id: string;
  /** The size of the whole file (Upload-Length). */
  length: number;
  type: string;
  /** Bytes held so far: the offset the next chunk must start at. */
  received: number;
  created_at: string;
  updated_at: string;
  /** Set when every byte arrived and their SHA-256 matched. */
  completed_at: string | null;
}

/**
 * The bytes of an upload, one row per chunk as it arrived: appending never rewrites a growing value, and a
 * download streams the rows in order.
 */
export interface MediaChunksTable {
  sha256: string;
  user_id: string;
  /** Where the chunk starts in the file. */
  position: number;
  data: Buffer;
}

/** A complete, verified file. `user_id` names the upload whose chunks hold its bytes. */
export interface MediaBlobsTable {
  sha256: string;
  user_id: string;
  size: number;
  type: string;
  created_at: string;
}

/** Which submission names which file: who may download a file is who may see one of its submissions. */
export interface MediaRefsTable {
  sha256: string;
  submission_id: string;
}

/**
 * A reference as stored since migration 0013 (mediaGrantsMigration.ts): `grants` is 1 when the submission's
 * author proved they hold the file (they uploaded it, or could already download it when they pushed the
 * submission). Only such a reference lets others download the file: knowing a hash is not holding the bytes.
 */
export interface MediaRefsGrantsTable extends MediaRefsTable {
  grants: ColumnType<number, number | undefined, number>;
}

export interface MediaTables {
  media_uploads: MediaUploadsTable;
  media_chunks: MediaChunksTable;
  media_blobs: MediaBlobsTable;
  media_refs: MediaRefsGrantsTable;
}
