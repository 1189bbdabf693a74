import { z } from 'zod/mini';

/**
 * A finalized submission, as pushed by a device and pulled by reviewers. Drafts never leave the device (as in
 * ODK Collect): only finalizing creates the mutation that syncs. A finalized submission is immutable; an
 * edit is a new submission whose `replaces` names the one it supersedes.
 */
export const SubmissionFields = z.strictObject({
  formId: z.string().check(z.minLength(1), z.maxLength(64)),
  formVersion: z.string().check(z.minLength(1), z.maxLength(40)),
  projectId: z.string().check(z.minLength(1), z.maxLength(100)),
  data: z.record(z.string(), z.unknown()),
  startedAt: z.iso.datetime(),
  finalizedAt: z.iso.datetime(),
  replaces: z._default(z.nullable(z.string().check(z.maxLength(100))), null),
});
export type SubmissionFields = z.infer<typeof SubmissionFields>;

/** A submission as the server stores and serves it: the device's fields plus who sent it. */
export const Submission = z.extend(SubmissionFields, {
  id: z.string(),
  createdBy: z.string(),
});
export type Submission = z.infer<typeof Submission>;
