/** One media file of published forms, by the SHA-256 of its bytes (formFilesMigration.ts). */
export interface FormFileRecord {
  sha256: string;
  contentType: string;
  size: number;
  data: Uint8Array;
  createdAt: string;
}

/** The media files of published forms (`storage.formFiles`, or `tx.formFiles` inside a transaction). */
export interface FormFileOps {
  /** Stores the file unless a file of these bytes is stored already. */
  put(file: FormFileRecord): Promise<void>;
  get(sha256: string): Promise<FormFileRecord | undefined>;
}
