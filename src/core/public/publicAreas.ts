import type { PublicProject } from './publicProject';
import type { AreaGeometry, BoundaryArea, BoundaryLevel } from './boundaries';

// Apart from boundaries.ts and free of zod: the public site (src/app/public) imports it, and zod lives in the
// signed-in app's chunk, which a visitor should not download.

/** An area as the public site shows it: its shape, and the public projects working there. */
export interface PublicArea {
  pcode: string;
  name: string;
  /** Public projects with a place in the area (each counted once). */
  projects: number;
  /** Their budget by currency; a project working in several areas counts whole in each. */
  budget: Record<string, number>;
  geometry: AreaGeometry;
}

export interface PublicBoundaries {
  levels: { level: BoundaryLevel; uploadedAt: string; areas: PublicArea[] }[];
}

/** Counts the public projects and sums their budget per area of each level, by P-code. */
export function publicAreas(
  levels: readonly { level: BoundaryLevel; uploadedAt: string; areas: readonly BoundaryArea[] }[],
  projects: readonly Pick<PublicProject, 'locations' | 'budgetTotals'>[],
): PublicBoundaries {
  return {
    levels: levels.map(({ level, uploadedAt, areas }) => {
      const counts = new Map<string, { projects: number; budget: Record<string, number> }>();
      for (const project of projects) {
        const codes = new Set(project.locations.map((l) => l[level]).filter((c): c is string => !!c));
        for (const code of codes) {
          const total = counts.get(code) ?? { projects: 0, budget: {} };
          total.projects += 1;
          for (const [currency, amount] of Object.entries(project.budgetTotals))
            total.budget[currency] = (total.budget[currency] ?? 0) + amount;
          counts.set(code, total);
        }
      }
      return {
        level,
        uploadedAt,
        areas: areas.map((a) => ({
          pcode: a.pcode,
          name: a.name,
          projects: counts.get(a.pcode)?.projects ?? 0,
          budget: counts.get(a.pcode)?.budget ?? {},
          geometry: a.geometry,
        })),
      };
    }),
  };
}
