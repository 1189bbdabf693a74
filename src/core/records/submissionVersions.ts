/**
 * Which version of an edited submission is current, computed the same way on the server and on every device.
 *
 * A finalized submission never changes; a correction is a new submission whose `replaces` names the version
 * it was made from (ODK Central's `deprecatedID`). The versions linked this way form a tree per logical
 * submission (a "chain"): usually a line, but two devices that correct the same version offline make a fork.
 * Nothing is dropped: every version is kept, and the rule below picks one as current.
 *
 * Rule: among the chain's leaves (versions that nothing replaces), the current one is the leaf with the
 * greatest `hlc`, then the greatest id. Other leaves are `conflicting` (a concurrent edit that lost);
 * versions something replaces are `superseded`. The rule depends only on the set of versions, never on the
 * order they arrived in, so every device that holds the same versions agrees with the server.
 */
export interface VersionLink {
  id: string;
  replaces: string | null;
  /**
   * The version's order: the hybrid logical clock the server stored for it (clamped, so a device whose clock
   * runs ahead cannot win every fork). Only compared between leaves; '' when unknown.
   */
  hlc: string;
}

export type VersionState = 'current' | 'superseded' | 'conflicting';

export interface VersionInfo {
  /** The chain's first version; a version this device does not hold when an early one is missing. */
  root: string;
  /** The chain's current version. */
  current: string;
  state: VersionState;
  /** On the current version: how many conflicting versions its chain holds; 0 elsewhere. */
  conflicts: number;
}

/** True if `a` orders after `b`: greater hlc, then greater id. */
function later(a: VersionLink, b: VersionLink): boolean {
  if (a.hlc !== b.hlc) return a.hlc > b.hlc;
  return a.id > b.id;
}

/**
 * The chain root of every version. A version whose predecessor is absent hangs from that absent id, so two
 * corrections of a version this device never received still land in one chain. A cycle (only possible with
 * corrupt data) is cut at its smallest id, deterministically.
 */
function roots(byId: ReadonlyMap<string, VersionLink>): Map<string, string> {
  const rootOf = new Map<string, string>();
  for (const start of byId.keys()) {
    if (rootOf.has(start)) continue;
    const path: string[] = [];
    const onPath = new Set<string>();
    let id = start;
    let root: string | undefined;
    for (;;) {
      const known = rootOf.get(id);
      if (known !== undefined) {
        root = known;
        break;
      }
      if (onPath.has(id)) {
        const cycle = path.slice(path.indexOf(id));
        root = cycle.reduce((min, c) => (c < min ? c : min));
        break;
      }
      const link = byId.get(id);
      if (!link) {
        root = id;
        break;
      }
      path.push(id);
      onPath.add(id);
      if (link.replaces === null) {
        root = id;
        break;
      }
      id = link.replaces;
    }
    for (const p of path) rootOf.set(p, root);
  }
  return rootOf;
}

/** The state of every given version. Duplicate ids keep the greatest (hlc, id, replaces), deterministically. */
export function resolveVersions(links: Iterable<VersionLink>): Map<string, VersionInfo> {
  const byId = new Map<string, VersionLink>();
  for (const link of links) {
    const seen = byId.get(link.id);
    if (
      !seen ||
      later(link, seen) ||
      (link.hlc === seen.hlc && (link.replaces ?? '') > (seen.replaces ?? ''))
    )
      byId.set(link.id, link);
  }
  const rootOf = roots(byId);

  const replaced = new Set<string>();
  for (const link of byId.values()) {
    // A link cut to break a cycle does not count: its target is the root.
    if (link.replaces !== null && rootOf.get(link.id) !== link.id) replaced.add(link.replaces);
  }

  const chains = new Map<string, VersionLink[]>();
  for (const link of byId.values()) {
    const root = rootOf.get(link.id) ?? link.id;
    let chain = chains.get(root);
    if (!chain) chains.set(root, (chain = []));
    chain.push(link);
  }

  const out = new Map<string, VersionInfo>();
  for (const [root, chain] of chains) {
    const leaves = chain.filter((link) => !replaced.has(link.id));
    const current = leaves.reduce<VersionLink | undefined>(
      (best, link) => (!best || later(link, best) ? link : best),
      undefined,
    );
    for (const link of chain) {
      const isCurrent = link.id === current?.id;
      out.set(link.id, {
        root,
        current: current?.id ?? root,
        state: isCurrent ? 'current' : replaced.has(link.id) ? 'superseded' : 'conflicting',
        conflicts: isCurrent ? leaves.length - 1 : 0,
      });
    }
  }
  return out;
}
