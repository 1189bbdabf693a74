import { MediaRef } from './answersSchema';

/**
 * Every file answer (MediaRef) in a submission's answers, also inside repeats, once per SHA-256. Found by
 * shape rather than through the form definition, so the server can tell which blobs a stored submission
 * names without compiling its form, and the device can do it for a submission whose form it no longer has.
 */
export function mediaRefsOf(answers: unknown): MediaRef[] {
  const found = new Map<string, MediaRef>();
  const visit = (value: unknown, depth: number): void => {
    // Answers nest a few levels (repeats in repeats); the bound only guards against a hostile payload.
    if (depth > 32 || typeof value !== 'object' || value === null) return;
    if (Array.isArray(value)) {
      for (const item of value) visit(item, depth + 1);
      return;
    }
    if ('sha256' in value) {
      const ref = MediaRef.safeParse(value);
      if (ref.success && !found.has(ref.data.sha256)) found.set(ref.data.sha256, ref.data);
      return;
    }
    for (const item of Object.values(value)) visit(item, depth + 1);
  };
  visit(answers, 0);
  return [...found.values()];
}
