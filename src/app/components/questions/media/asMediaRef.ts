import type { MediaRef } from '../../../../core/forms/answersSchema';

/** A stored file answer (checked by shape: the engine validates it fully when finalizing). */
export function asMediaRef(value: unknown): MediaRef | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Partial<MediaRef>;
  const ok = typeof v.sha256 === 'string' && typeof v.name === 'string' && typeof v.size === 'number';
  return ok ? { sha256: v.sha256!, name: v.name!, type: String(v.type ?? ''), size: v.size! } : undefined;
}
