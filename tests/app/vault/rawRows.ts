import { Dexie } from 'dexie';

/** Every row of every table of database `name` as IndexedDB holds it: what someone with devtools reads. */
export async function rawRows(name: string): Promise<Record<string, Record<string, unknown>[]>> {
  const raw = new Dexie(name);
  await raw.open();
  try {
    const out: Record<string, Record<string, unknown>[]> = {};
    for (const table of raw.tables) out[table.name] = (await table.toArray()) as Record<string, unknown>[];
    return out;
  } finally {
    raw.close();
  }
}

/** The rows as text, bytes included (as Latin-1), for a search of a marker string. */
export async function rawText(name: string): Promise<string> {
  const rows = await rawRows(name);
  const parts: string[] = [];
  const walk = async (value: unknown): Promise<void> => {
    if (value instanceof Uint8Array || value instanceof ArrayBuffer)
      parts.push(Buffer.from(value as Uint8Array).toString('latin1'));
    else if (value instanceof Blob) parts.push(Buffer.from(await value.arrayBuffer()).toString('latin1'));
    else if (typeof value === 'object' && value !== null) for (const v of Object.values(value)) await walk(v);
    else parts.push(String(value));
  };
  await walk(rows);
  return parts.join('\n');
}
