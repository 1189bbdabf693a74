import type { Kysely } from 'kysely';
import { BoundaryLevel, type BoundaryArea } from '../../core/public/boundaries';
import type { Database } from './schema';

export interface BoundarySet {
  level: BoundaryLevel;
  areas: BoundaryArea[];
  sourceName: string;
  uploadedBy: string | null;
  uploadedAt: string;
}

/** A level's areas without their shapes, for the page that lists them. */
export type BoundarySummary = Omit<BoundarySet, 'areas'> & { areaCount: number };

export interface BoundaryOps {
  /** Replaces the areas of `set.level`. */
  put(set: BoundarySet): Promise<void>;
  /** Every level's areas, adm1 first. */
  list(): Promise<BoundarySet[]>;
  summaries(): Promise<BoundarySummary[]>;
  /** True when the level had areas. */
  remove(level: BoundaryLevel): Promise<boolean>;
}

/** Written once for both dialects. */
export class KyselyBoundaryOps implements BoundaryOps {
  constructor(private readonly db: Kysely<Database>) {}

  async put(set: BoundarySet): Promise<void> {
    const row = {
      areas: JSON.stringify(set.areas),
      area_count: set.areas.length,
      source_name: set.sourceName,
      uploaded_by: set.uploadedBy,
      uploaded_at: set.uploadedAt,
    };
    await this.db
      .insertInto('admin_boundaries')
      .values({ level: set.level, ...row })
      .onConflict((oc) => oc.column('level').doUpdateSet(row))
      .execute();
  }

  async list(): Promise<BoundarySet[]> {
    const rows = await this.db.selectFrom('admin_boundaries').selectAll().orderBy('level').execute();
    return rows.map((r) => ({
      level: BoundaryLevel.parse(r.level),
      areas: JSON.parse(r.areas) as BoundaryArea[],
      sourceName: r.source_name,
      uploadedBy: r.uploaded_by,
      uploadedAt: r.uploaded_at,
    }));
  }

  async summaries(): Promise<BoundarySummary[]> {
    const rows = await this.db
      .selectFrom('admin_boundaries')
      .select(['level', 'area_count', 'source_name', 'uploaded_by', 'uploaded_at'])
      .orderBy('level')
      .execute();
    return rows.map((r) => ({
      level: BoundaryLevel.parse(r.level),
      areaCount: Number(r.area_count),
      sourceName: r.source_name,
      uploadedBy: r.uploaded_by,
      uploadedAt: r.uploaded_at,
    }));
  }

  async remove(level: BoundaryLevel): Promise<boolean> {
    const result = await this.db.deleteFrom('admin_boundaries').where('level', '=', level).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
