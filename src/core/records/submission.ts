import { z } from 'zod';

/**
 * A finalized submission, as pushed by a device and pulled by reviewers. Drafts never leave the device (as in
 * ODK Collect): only finalizing creates the mutation that syncs. A finalized submission is immutable; an
 * edit is a new submission whose `replaces` names the one it supersedes.
 */
export const SubmissionFields = z
  .object({
    formId: z.string().min(1).max(64),
    formVersion: z.string().min(1).max(40),
    projectId: z.string().min(1).max(100),
    data: z.record(z.string(), z.unknown()),
    startedAt: z.iso.datetime(),
    finalizedAt: z.iso.datetime(),
    replaces: z.string().max(100).nullable().default(null),
  })
  .strict();
export type SubmissionFields = z.infer<typeof SubmissionFields>;

/** A submission as the server stores and serves it: the device's fields plus who sent it. */
export const Submission = SubmissionFields.extend({
  id: z.string(),
  createdBy: z.string(),
});
export type Submission = z.infer<typeof Submission>;
