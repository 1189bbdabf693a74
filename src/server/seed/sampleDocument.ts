import { createHash } from 'node:crypto';
import { MEDIA_CHUNK_BYTES } from '../../core/sync/media';
import type { ProjectDocumentInput } from '../../core/records/project';
import type { StorageTx, UserRecord } from '../storage/Storage';

/** A one-page PDF saying `lines`, its cross-reference table computed (ASCII text only). */
export function tinyPdf(lines: readonly string[]): Uint8Array {
  const text = lines
    .map(
      (line, i) => `BT /F1 14 Tf 72 ${760 - i * 24} Td (${line.replace(/[\\()]/g, (c) => `\\${c}`)}) Tj ET`,
    )
    .join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) pdf += `${String(offset).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new TextEncoder().encode(pdf);
}

/**
 * Stores a document's bytes as `user`'s completed upload and records them as its adder to `projectId`, as
 * a device's push and upload would (media/projectDocuments.ts): the demo's public project shows it.
 */
export async function seedProjectDocument(
  tx: StorageTx,
  user: UserRecord,
  projectId: string,
  bytes: Uint8Array,
  type: string,
  at: Date,
): Promise<string> {
  const iso = at.toISOString();
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await tx.media.lockUpload({
    sha256,
    userId: user.id,
    length: bytes.byteLength,
    type,
    received: 0,
    createdAt: iso,
    updatedAt: iso,
    completedAt: null,
  });
  for (let offset = 0; offset < bytes.byteLength; offset += MEDIA_CHUNK_BYTES)
    await tx.media.appendChunk(
      sha256,
      user.id,
      offset,
      bytes.subarray(offset, offset + MEDIA_CHUNK_BYTES),
      iso,
    );
  await tx.media.completeUpload(sha256, user.id, iso);
  await tx.media.insertBlob({ sha256, userId: user.id, size: bytes.byteLength, type, createdAt: iso });
  await tx.media.insertDocumentRefs([{ projectId, sha256, addedBy: user.id, addedAt: iso }]);
  return sha256;
}

/** The demo's public document: a project sheet of the Timbuktu water project. */
export const SAMPLE_DOCUMENT = {
  projectId: 'eau-tombouctou',
  bytes: tinyPdf([
    'Eau et assainissement a Tombouctou - fiche du projet',
    'Objectif : acces a l eau potable pour 12 000 personnes en 2026.',
    'Document de demonstration de Terrain.',
  ]),
  document: {
    title: 'Fiche du projet',
    name: 'fiche-eau-tombouctou.pdf',
    type: 'application/pdf',
    public: true,
    category: 'A02',
    language: 'fr',
    date: '2026-01-15',
  } satisfies Omit<ProjectDocumentInput, 'sha256'>,
};
