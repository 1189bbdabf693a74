/** A key pair of the server: the public key as a JWK, the private one as PKCS#8 in base64url. */
export interface ServerKeyRecord {
  id: string;
  publicKey: string;
  privateKey: string;
  createdAt: string;
}

/** `Storage.serverKeys`: the server's key pairs for sealed changes (src/server/sealed). */
export interface ServerKeyOps {
  /** Inserts the key unless one with its id exists (another process made it first). */
  insertIfMissing(key: ServerKeyRecord): Promise<void>;
  get(id: string): Promise<ServerKeyRecord | undefined>;
}
