import { createHash } from 'node:crypto';
import { describe, expect, it, onTestFinished } from 'vitest';
import { MediaRef } from '../../src/core/forms/answersSchema';
import type { Storage } from '../../src/server/storage/Storage';
import { DISTRIBUTION_FORM } from './forms/distributionForm';
import { LinkProxy } from './harness/linkProxy';
import { EmulatedLink, SLOW_3G } from './harness/network';
import { DEMO_PASSWORD } from './harness/server';
import { e2eSuite } from './harness/suite';
import { SyncBarLog } from './harness/syncBarLog';
import { TestDevice, type DeviceState } from './harness/testDevice';
import { FillFormPage } from './pages/FillFormPage';
import { HomePage } from './pages/HomePage';
import { SignInPage } from './pages/SignInPage';
import { UnlockPage } from './pages/UnlockPage';
import { SubmissionsPage } from './pages/SubmissionsPage';
import { mediaProgressText, parseProgress, SyncBar } from './pages/SyncBar';

const FORM = 'Suivi de distribution';
const SURVEYS = 200;
/** Seeded surveys with a photo: every PHOTO_EVERY-th (each photo costs two round trips, HEAD and PATCH). */
const PHOTO_EVERY = 8;
const PUSH = 'POST /api/sync/push ';
const MEDIA_CHUNK = 'PATCH /api/media/';
/** The chunk size of media uploads (src/core/sync/media.ts). */
const CHUNK_BYTES = 256 * 1024;

const FIRST_NAMES = ['Aminata', 'Moussa', 'Fatoumata', 'Oumar', 'Awa', 'Ibrahim', 'Mariam', 'Boubacar'];
const LAST_NAMES = ['Maïga', 'Touré', 'Cissé', 'Traoré', 'Diallo', 'Haïdara', 'Sidibé'];
const KITS = ['full', 'full', 'partial', 'none'];

/** The answers of survey `i`, varied as a day of distribution follow-ups would be. */
function answersFor(i: number): Record<string, unknown> {
  const name = `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[(i * 3) % LAST_NAMES.length]} (${i})`;
  return {
    beneficiary: name,
    household_size: 1 + ((i * 7) % 14),
    kit: KITS[i % KITS.length],
    ...(i % 5 === 0 ? { remarks: `Ménage ${i} : bâche manquante, à revoir au prochain passage.` } : {}),
  };
}

/** The photo a survey names, if any. */
function photoOf(submission: DeviceState['submissions'][number]): MediaRef | null {
  const photo = MediaRef.safeParse(submission.data.kit_photo);
  return photo.success ? photo.data : null;
}

const bySha = (a: { sha256: string }, b: { sha256: string }) => (a.sha256 < b.sha256 ? -1 : 1);

/** What the server holds of a file: its record, and the SHA-256 of the bytes it would serve. */
async function storedMedia(storage: Storage, sha256: string) {
  const blob = await storage.media.getBlob(sha256);
  if (!blob) return { sha256, missing: true };
  const chunks = await storage.media.readChunks(sha256, blob.userId, 0, 1000);
  const hash = createHash('sha256');
  for (const chunk of chunks) hash.update(chunk.data);
  return { sha256: hash.digest('hex'), size: blob.size, type: blob.type };
}

/** The submissions the server holds. */
async function serverSubmissions(storage: Storage) {
  const all = await storage.pullChanges(
    { userId: '', allProjects: true, ownSubmissionsOnly: false },
    0,
    10_000,
  );
  return all.filter((e) => e.tbl === 'submissions');
}

/** `promise`, or a clear failure after `ms`. */
async function within<T>(ms: number, promise: Promise<T>, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The only alert the bar may raise while the link is bad: the server cannot be reached, said together with
 * when the app tries again by itself. Anything else (a generic failure, a server error, a crash) is an
 * unexplained error. With no network at all the bar says "Hors ligne" and that nothing is lost instead.
 */
const EXPLAINED_ALERT = /^Serveur injoignable\. Nouvel essai automatique .+\.$/;

describe('a slow link cut in the middle of a sync', () => {
  const suite = e2eSuite('slow-link-sync', { forms: [DISTRIBUTION_FORM] });

  it(`brings all ${SURVEYS} surveys and their photos exactly once over 3G through cuts, showing progress and no unexplained error`, async () => {
    TestDevice.prepare();
    // The device reaches the server through a relay that can lose the link mid-request (see LinkProxy).
    const proxy = await LinkProxy.start(suite.server.url);
    onTestFinished(() => proxy.close());
    const context = await suite.device();
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const signIn = new SignInPage(page);
    await signIn.open(proxy.url);
    await signIn.signIn('agent', DEMO_PASSWORD);
    const home = new HomePage(page);
    const bar = new SyncBar(home.syncBar);
    await home.waitForForm(FORM); // the first sync brought the form
    await within(60_000, home.waitForOfflineReady(), 'the service worker (is dist/ whole?)');
    await bar.waitForAllSent(30_000);

    // A day in the field with no network at all.
    const link = await EmulatedLink.of(page);
    await link.cut();
    await bar.offline().waitFor();

    // One survey through the fill screen...
    await home.newSubmission(FORM);
    const form = new FillFormPage(page);
    await form.fillText('Nom du bénéficiaire', 'Fatoumata Cissé (0)');
    await form.fillText('Taille du ménage', '6');
    await form.choose('Kit reçu', 'Complet');
    // A photo as a phone camera takes it; the app brings it down to the form's max-pixels before storing.
    const device = new TestDevice(page);
    const cameraPhoto = await device.photo(0, 2048, 1536);
    await form.attachPhoto('Photo du kit', {
      name: 'IMG_0001.jpg',
      mimeType: 'image/jpeg',
      buffer: cameraPhoto,
    });
    await form.finalize();
    await new SubmissionsPage(page).rowWithState('En attente').waitFor();

    // ...and the rest of the day's through the same repositories (harness/device/testDevice.ts): typing
    // them would take minutes and prove nothing more. The app is closed meanwhile (a plain file of its
    // origin is open instead), as the agent's tablet would be between surveys.
    await page.goto(`${proxy.url}/manifest.webmanifest`);
    const seeded = await device.seedSubmissions({
      formId: DISTRIBUTION_FORM.id,
      submissions: Array.from({ length: SURVEYS - 1 }, (_, k) => ({
        answers: answersFor(k + 1),
        ...((k + 1) % PHOTO_EVERY === 0 ? { photoSeed: k + 1 } : {}),
      })),
    });
    expect(seeded).toHaveLength(SURVEYS - 1);
    const before = await device.read();
    expect(before.submissions).toHaveLength(SURVEYS);
    expect(before.outbox.filter((e) => e.state === 'pending')).toHaveLength(SURVEYS);
    // The test path writes the very shape the fill screen writes.
    expect(new Set(before.outbox.map((e) => Object.keys(e.fields).sort().join())).size).toBe(1);
    const photos = before.submissions.map(photoOf).filter((p) => p !== null);
    expect(photos).toHaveLength(1 + Math.floor((SURVEYS - 1) / PHOTO_EVERY));
    expect(before.media.map((m) => m.sha256).sort()).toEqual(photos.map((p) => p.sha256).sort());
    for (const media of before.media) expect(media.bytesSha256).toBe(media.sha256);
    // The camera photo was made smaller, and still needs two chunks: the upload is cut between them below.
    const camera = photoOf(before.submissions.find((s) => !seeded.includes(s.id))!)!;
    expect(camera.size).toBeLessThan(cameraPhoto.length);
    expect(camera.size).toBeGreaterThan(CHUNK_BYTES);

    // Back at the base, the agent opens the app: everything waits, still offline.
    await page.goto(proxy.url);
    // Opening the app again asks for the password (the data key lives in the page's memory only).
    await new UnlockPage(page).unlock(DEMO_PASSWORD);
    await bar.waiting(SURVEYS).waitFor();
    await bar.offline().waitFor();
    const log = await SyncBarLog.record(page);

    // A slow 3G link comes up and the app syncs by itself. The 200 surveys go in one batch (up to 500 fit,
    // src/app/sync/batches.ts); the link is lost just as the server answers it: the server has them all, the
    // device never hears so.
    const lost = proxy.dropDuring(PUSH, 1, 'response');
    await link.up(SLOW_3G);
    await within(60_000, lost, 'the answer to the push');

    // The device still believes it has a network: the bar says the server is unreachable and when it tries
    // again by itself.
    await bar.alert().waitFor({ timeout: 30_000 });
    expect(await bar.alert().innerText()).toMatch(EXPLAINED_ALERT);
    const pendingDuringCut = await bar.pending();
    expect(pendingDuringCut, 'the device heard no acknowledgement before the cut').toBe(SURVEYS);
    const onServer = await suite.server.withStorage(serverSubmissions);
    expect(onServer.length, 'the lost answer was for a batch the server kept').toBe(SURVEYS);

    // Then the tablet loses the network altogether: it says so, and that nothing is lost.
    await link.cut();
    await bar.offline().waitFor();
    await bar.offlineNote().waitFor();

    // The link returns: the sync resumes by itself (no button). The records go through; then, while the
    // photos go up, the link drops again in the middle of the camera photo's second chunk.
    const backUpAt = log.snapshots.length;
    const chunkCut = proxy.dropDuring(MEDIA_CHUNK, 2, 'upload');
    proxy.restore();
    await link.up();
    await within(60_000, chunkCut, 'the upload of the camera photo’s second chunk');
    await bar.alert().waitFor({ timeout: 30_000 });
    expect(await bar.alert().innerText()).toMatch(EXPLAINED_ALERT);

    // A short blip: the link is back before the next automatic try, which resumes and finishes the sync.
    proxy.restore();
    await bar.waitForAllSent(90_000);
    await bar.online().waitFor();

    // The device: nothing left to send, every survey marked synced.
    const after = await device.read();
    expect(after.outbox).toEqual([]);
    expect(after.submissions.filter((s) => s.syncState !== 'synced')).toEqual([]);
    expect(after.media.filter((m) => m.uploadState !== 'uploaded')).toEqual([]);

    // The server: each survey exactly once, as the device stored it, none refused.
    const server = await suite.server.withStorage(async (storage) => ({
      submissions: await serverSubmissions(storage),
      creations: (await storage.listAudit(100_000)).filter((a) => a.action === 'submission.create'),
      rejected: await storage.listRejected(after.clientId),
      photos: await Promise.all(photos.map((ref) => storedMedia(storage, ref.sha256))),
    }));
    const ids = before.submissions.map((s) => s.id).sort();
    expect(server.submissions.map((e) => e.id).sort()).toEqual(ids);
    expect(server.creations.map((a) => a.recordId).sort()).toEqual(ids);
    expect(server.rejected).toEqual([]);
    const sentData = new Map(before.submissions.map((s) => [s.id, s.data]));
    for (const entity of server.submissions) {
      expect((entity.data as { data: unknown }).data).toEqual(sentData.get(entity.id));
    }
    // Every photo, whole: the bytes the server holds hash to the name the answer gives them.
    expect(server.photos.sort(bySha)).toEqual(
      photos.map((ref) => ({ sha256: ref.sha256, size: ref.size, type: ref.type })).sort(bySha),
    );

    // The cut chunk was not kept, and the upload resumed from what the server held, not from the start.
    const cameraChunks = proxy.requests
      .filter((r) => r.method === 'PATCH' && r.path === `/api/media/${camera.sha256}`)
      .map((r) => Number(r.headers['upload-offset']));
    expect(cameraChunks).toEqual([0, CHUNK_BYTES, CHUNK_BYTES]);

    // What the agent saw: progress before the cut and again after it, never an unexplained error.
    const transcript = log.transcript();
    const progress = log.snapshots.map((s) => parseProgress(s.text));
    expect(
      progress.slice(0, backUpAt).some((p) => p !== null && p.total === SURVEYS),
      `the sending of all the surveys shown before the cut:\n${transcript}`,
    ).toBe(true);
    expect(
      progress.slice(backUpAt).some((p) => p !== null && p.sent > 0),
      `progress shown again once the link is back:\n${transcript}`,
    ).toBe(true);
    const photoSteps = new Set(
      log
        .texts()
        .map(mediaProgressText)
        .filter((t) => t !== null),
    );
    expect(photoSteps.size, `the photos' progress moving on:\n${transcript}`).toBeGreaterThanOrEqual(3);
    for (const snapshot of log.snapshots) {
      for (const alert of snapshot.alerts) expect(alert, transcript).toMatch(EXPLAINED_ALERT);
    }
    expect(pageErrors).toEqual([]);
  }, 180_000); // about 70 s on a busy 2-core machine; every wait inside is bounded
});
