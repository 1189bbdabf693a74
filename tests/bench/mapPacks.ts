/**
 * Offline map packs (issue 15): an MBTiles upload of about 20 MB converted to PMTiles by the local server,
 * then downloaded by the device's own code (src/app/maps/packStore.ts: 1 MiB range requests, each chunk
 * stored as it arrives) over loopback, into fake-indexeddb here: `map.pack_download_kb_per_s` is the
 * server's range serving and the client's loop, not a browser's storage.
 */
import 'fake-indexeddb/auto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MapPack } from '../../src/core/maps/mapPack';
import { deleteLocalPack, downloadPack, setPackBackend } from '../../src/app/maps/packStore';
import { TEST_PASSWORD_COST } from '../../src/server/auth/passwords';
import { openStorage, startServer } from '../../src/server/main';
import { DEMO_PROJECT } from '../../src/server/seed/demoForm';
import { seedDemo } from '../../src/server/seed/demoSeed';
import { mbtilesBytes, noisePng, pyramid } from '../server/maps/fixtures';
import { median, report, timeMs } from './report';

const PASSWORD = 'bench-password';
const ROUNDS = 3;

export async function benchMapPacks(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'terrain-mappacks-'));
  const seeding = await openStorage({ dataDir: dir });
  await seedDemo(seeding, { password: PASSWORD, passwordCost: TEST_PASSWORD_COST });
  await seeding.close();
  const server = await startServer({ port: 0, host: '127.0.0.1', dataDir: dir, seed: false });
  try {
    const login = await fetch(`${server.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'supervisor', password: PASSWORD }),
    });
    const { token } = (await login.json()) as { token: string };
    const tiles = [
      ...pyramid(2),
      ...Array.from({ length: 100 }, (_, i) => ({
        z: 4,
        x: i % 16,
        y: Math.floor(i / 16),
        data: noisePng(),
      })),
    ];
    const file = mbtilesBytes(tiles, { name: 'bench', format: 'png' });
    report('map.pack_mbtiles_kb', (file.length / 1024).toFixed(0));
    let pack: MapPack | undefined;
    const upload = await timeMs(async () => {
      const body = new FormData();
      body.set('name', 'bench');
      body.set('file', new Blob([new Uint8Array(file)]), 'bench.mbtiles');
      const res = await fetch(`${server.url}/api/projects/${DEMO_PROJECT.id}/map-packs`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
        body,
      });
      if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
      pack = MapPack.parse(await res.json());
    });
    report('map.pack_upload_convert_ms', upload.toFixed(0));
    setPackBackend('idb');
    const times: number[] = [];
    for (let r = 0; r < ROUNDS; r += 1) {
      await deleteLocalPack(pack!.id);
      times.push(await timeMs(async () => void (await downloadPack(pack!, { token, baseUrl: server.url }))));
    }
    report('map.pack_download_kb_per_s', (pack!.bytes / 1024 / (median(times) / 1000)).toFixed(0));
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
