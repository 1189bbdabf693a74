import type { CDPSession, Page } from 'playwright-core';

/** A link as DevTools emulates it: throughput each way in kilobits per second and round-trip latency. */
export interface LinkProfile {
  kbps: number;
  rttMs: number;
}

/** Chrome's "3G" profile, as GUIDE §4 measures first loads: 400 kbps both ways, 400 ms round trip. */
export const SLOW_3G: LinkProfile = { kbps: 400, rttMs: 400 };

/**
 * The page's network link through the DevTools protocol (`Network.emulateNetworkConditions`). Every change
 * goes through this one session, slow and cut alike, so that coming back from a cut never passes through an
 * unthrottled moment (Playwright's `context.setOffline(false)` would reset throttling on its own session).
 * Going offline this way flips `navigator.onLine` and fails requests in flight, as a lost signal does.
 */
export class EmulatedLink {
  private constructor(
    private readonly session: CDPSession,
    private profile: LinkProfile,
  ) {}

  static async of(page: Page): Promise<EmulatedLink> {
    const session = await page.context().newCDPSession(page);
    await session.send('Network.enable');
    return new EmulatedLink(session, SLOW_3G);
  }

  /** Up, throttled to `profile`. */
  async up(profile: LinkProfile = this.profile): Promise<void> {
    this.profile = profile;
    await this.emulate(false);
  }

  /** Cut: no request gets through, and those in flight fail. */
  async cut(): Promise<void> {
    await this.emulate(true);
  }

  private async emulate(offline: boolean): Promise<void> {
    const bytesPerSecond = (this.profile.kbps * 1000) / 8;
    await this.session.send('Network.emulateNetworkConditions', {
      offline,
      latency: this.profile.rttMs,
      downloadThroughput: bytesPerSecond,
      uploadThroughput: bytesPerSecond,
    });
  }
}
