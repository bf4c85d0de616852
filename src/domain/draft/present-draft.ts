import type { DraftFileRow, DraftRow } from '../../storage/database.js';
import { formatResumeCode } from './resume-code.js';

/** The API shape of a draft file; `url` serves its bytes to whoever holds the resume code. */
export function presentDraftFile(code: string, row: DraftFileRow) {
  const shown = formatResumeCode(code);
  return {
    id: row.id,
    field: row.field,
    position: row.position,
    contentType: row.content_type,
    sizeBytes: row.size_bytes,
    originalName: row.original_name,
    url: `/api/drafts/${shown}/files/${row.id}`,
  };
}

/** The API shape of a draft: its data comes back exactly as it was saved. */
export function presentDraft(code: string, draft: DraftRow, files: DraftFileRow[]) {
  return {
    resumeCode: formatResumeCode(code),
    step: draft.step,
    language: draft.language,
    data: JSON.parse(draft.data) as Record<string, unknown>,
    files: files.map((file) => presentDraftFile(code, file)),
    createdAt: draft.created_at,
    updatedAt: draft.updated_at,
    expiresAt: draft.expires_at,
  };
}

export type PresentedDraft = ReturnType<typeof presentDraft>;
export type PresentedDraftFile = ReturnType<typeof presentDraftFile>;
