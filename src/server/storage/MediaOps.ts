import type { PullScope } from './Storage';

/** One user's upload of one file (see mediaSchema.ts). */
export interface MediaUploadRecord {
  sha256: string;
  userId: string;
  length: number;
  type: string;
  received: number;
  createdAt: string;
  updatedAt: string;
  completedAt: string | null;
}

/** A complete file whose bytes matched their SHA-256; its chunks are those of `userId`'s upload. */
export interface MediaBlobRecord {
  sha256: string;
  userId: string;
  size: number;
  type: string;
  createdAt: string;
}

export interface MediaChunk {
  position: number;
  data: Uint8Array;
}

export interface MediaRefRecord {
  sha256: string;
  submissionId: string;
  /** The submission's author proved they hold the file: the reference lets others download it. */
  grants: boolean;
}

/** One who added a file to a project's documents (a push whose documents newly named it). */
export interface DocumentRefRecord {
  projectId: string;
  sha256: string;
  addedBy: string;
  addedAt: string;
}

/** A live project naming a file among its documents' adders' references, as stored. */
export interface DocumentRefProject {
  projectId: string;
  /** The project record (JSON) as devices pull it. */
  data: string;
  /** One who added the file to this project completed an upload of it. */
  proven: boolean;
}

/**
 * What the submissions one may pull say of a file: `granted` when one of them names it with a granting
 * reference; `pending` when only others' references without proof name it (the bytes have not come from
 * their author: the same answer whether or not the server holds them); `none` otherwise.
 */
export type RefAccess = 'granted' | 'pending' | 'none';

/**
 * The media queries (`storage.media`, or `tx.media` inside a transaction). Writes that belong together
 * (a chunk and the offset it moves) must run in one transaction: `receiveChunk` does that.
 */
export interface MediaOps {
  getBlob(sha256: string): Promise<MediaBlobRecord | undefined>;
  /** Inserts the blob unless one exists; false when another upload completed it first. */
  insertBlob(blob: MediaBlobRecord): Promise<boolean>;
  getUpload(sha256: string, userId: string): Promise<MediaUploadRecord | undefined>;
  /**
   * The user's upload of this file, created from `fresh` if missing, locked until the transaction ends (so a
   * retried chunk racing the original cannot both be appended).
   */
  lockUpload(fresh: MediaUploadRecord): Promise<MediaUploadRecord>;
  /** Starts the upload again, empty, with a new length and type. */
  resetUpload(upload: MediaUploadRecord): Promise<void>;
  /** Stores a chunk at `position` and moves the upload's offset past it. */
  appendChunk(sha256: string, userId: string, position: number, data: Uint8Array, at: string): Promise<void>;
  /** Up to `limit` chunks of the upload from `from` on, in order. */
  readChunks(sha256: string, userId: string, from: number, limit: number): Promise<MediaChunk[]>;
  completeUpload(sha256: string, userId: string, at: string): Promise<void>;
  /** Drops the upload's bytes, and its row unless `keepRow` (a completed upload keeps its row). */
  discardUpload(sha256: string, userId: string, options: { keepRow: boolean }): Promise<void>;
  /**
   * Deletes `userId`'s completed upload of a file with its bytes and the file itself, unless another user
   * completed an upload of it too (then nothing is deleted: the unnamed file goes with the cleanup sweep).
   * For a sealed file once opened (src/server/sealed/finishSealedMedia.ts): its ciphertext has no further
   * use. False when there was nothing to delete.
   */
  dropUpload(sha256: string, userId: string): Promise<boolean>;
  /** Records references; one already recorded keeps its `grants` unless the new one grants. */
  insertRefs(refs: readonly MediaRefRecord[]): Promise<void>;
  /**
   * Whether the submissions `scope` may pull (the same rules as pull) name this file with a granting
   * reference; a reference whose author completed an upload of the file grants even before its flag is set.
   */
  refAccess(sha256: string, scope: PullScope): Promise<RefAccess>;
  /**
   * Which of these files `scope.userId` may download now: they completed an upload of it, or a granting
   * reference names it in a submission they may pull. What their own new references may grant.
   */
  downloadable(scope: PullScope, sha256s: readonly string[]): Promise<Set<string>>;
  /** Marks as granting the references to this file from the submissions `userId` authored. */
  grantRefs(sha256: string, userId: string): Promise<void>;
  /** Records who added files to projects' documents; a pair already recorded is kept as it was. */
  insertDocumentRefs(refs: readonly DocumentRefRecord[]): Promise<void>;
  /**
   * The live projects `scope` may pull (every project when `scope` is null) to whose documents someone
   * added this file, with whether an adder proved they hold it (src/server/media/projectDocuments.ts
   * reads the documents themselves).
   */
  documentRefProjects(
    sha256: string,
    scope: PullScope | null,
    projectId?: string,
  ): Promise<DocumentRefProject[]>;
  /**
   * The (project, file) pairs of these projects whose adder proved they hold the file, as
   * `<projectId> <sha256>`: one read for every document of a set of projects.
   */
  provenDocuments(projectIds: readonly string[]): Promise<Set<string>>;
  /**
   * How many (project, file) pairs someone who added the file proved: it grows when a document's upload
   * completes, which no record's change says (the public answers' cache stamp, routes/public.ts).
   */
  provenDocumentRefs(): Promise<number>;
  /** Every reference to a file (tests, audits). */
  refsOf(sha256: string): Promise<MediaRefRecord[]>;
}
