import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backends } from './backends';
import { ACTS } from './rights/acts';
import { COLUMNS, readRightsTable, type Column, type Outcome } from './rights/rightsTable';
import { RightsWorld } from './rights/world';

/**
 * The rights table of docs/security.md, walked against a real server: every cell is an act done by that
 * column's account on a project of its own, and what happened must be what the table says. A row without an
 * act, or an act without a row, fails too: the table and the code cannot drift apart.
 */
const TABLE = readRightsTable();

describe('the rights table of docs/security.md', () => {
  it('has an act for every row and a row for every act', () => {
    expect(TABLE.map((row) => row.id).sort()).toEqual(Object.keys(ACTS).sort());
  });
});

describe.each(backends)('the rights table on $name', (backend) => {
  let world: RightsWorld;
  beforeAll(async () => {
    world = await RightsWorld.create(backend);
  });
  afterAll(async () => {
    await world?.close();
  });

  it.each(TABLE)('$id: $act', async (row) => {
    const act = ACTS[row.id];
    if (!act) throw new Error(`no act for ${row.id}`);
    const seen = {} as Record<Column, Outcome>;
    for (const column of COLUMNS) seen[column] = await act(world, column);
    expect(seen).toEqual(row.expected);
  });
});
