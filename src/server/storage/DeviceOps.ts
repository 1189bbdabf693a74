import type { DevicePublicKey } from '../../core/sync/devices';

/** A device (a `clients` row): one user's store in one browser. docs/sync-protocol.md, "Devices". */
export interface DeviceRecord {
  clientId: string;
  /** The account that first used this clientId: the only one that may push, register or export with it. */
  userId: string;
  lastSeq: number;
  publicKey: DevicePublicKey | null;
  keyRegisteredAt: string | null;
  revokedAt: string | null;
  appVersion: string | null;
  lastPushAt: string | null;
  lastPullAt: string | null;
  /** Its pending outbox when it last reported it with a pull; null until it does (older apps never do). */
  unsent: number | null;
}

/** What a device says of itself when it pulls (PullQuery: both optional, older apps send neither). */
export interface DeviceReport {
  appVersion?: string;
  unsent?: number;
}

/** The device queries; `Storage.devices` (or a transaction's, for the writes that must be atomic). */
export interface DeviceOps {
  get(clientId: string): Promise<DeviceRecord | undefined>;
  /** Every device, or one account's, by user then clientId. */
  list(userId?: string): Promise<DeviceRecord[]>;
  /**
   * Inside a transaction: the device, created for `userId` if new (the first user owns it), locked until
   * the transaction ends, so two registrations of one clientId run one after the other.
   */
  claim(clientId: string, userId: string): Promise<DeviceRecord>;
  /** Stores the device's first key. */
  setKey(clientId: string, publicKey: DevicePublicKey, at: string): Promise<void>;
  setAppVersion(clientId: string, appVersion: string): Promise<void>;
  /** The device a token registered with, or null (a token from before registration, or another client). */
  tokenDevice(tokenHash: string): Promise<string | null>;
  /** Binds a token that is bound to no other device; false if it is (or no longer exists). */
  bindToken(tokenHash: string, clientId: string): Promise<boolean>;
  touchPush(clientId: string, at: string): Promise<void>;
  /**
   * Records a pull of `userId`'s device and what it reported, unless one was recorded after `unlessAfter`
   * with the same report: pulls come every few minutes, and a write each time would cost a disk sync each
   * time.
   */
  touchPull(
    clientId: string,
    userId: string,
    at: string,
    report: DeviceReport,
    unlessAfter: string,
  ): Promise<void>;
  /** Marks the device revoked and ends the tokens bound to it; returns how many it ended. */
  revoke(clientId: string, at: string): Promise<number>;
}
