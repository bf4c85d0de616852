/**
 * Sends each picked file to the draft as soon as it is picked, with progress, retry and
 * removal. Uploads run outside the components, so moving between steps never cancels one.
 */
import { UPLOAD_SLOTS } from '../../../../src/shared/upload-slots.js';
import { ApiError, deleteDraftFile, type UploadHandle, uploadDraftFile } from '../api.js';
import { t } from '../i18n/i18n.js';
import type { WizardStore } from '../state/store.js';
import type { PendingUpload, UploadField } from '../state/types.js';
import { checkPickedFile, prepareFile } from '../uploads/prepare-file.js';
import { renderSignaturePng } from '../uploads/signature-image.js';

let lastUploadId = 0;
const newUploadId = () => `upload-${++lastUploadId}`;

function describeUploadError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.isNetwork) return t('documents.interrupted');
    return error.message;
  }
  return error instanceof Error ? error.message : t('documents.failedRetry');
}

/** The server refused the file itself (its type, its content): sending it again cannot help. */
function isPermanent(error: unknown): boolean {
  if (!(error instanceof ApiError) || error.isNetwork) return false;
  return error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;
}

export class UploadService {
  private readonly handles = new Map<string, UploadHandle>();
  private signatureQueue: Promise<void> = Promise.resolve();

  constructor(
    private readonly store: WizardStore,
    /** The draft's code; a file picked before any answer creates the draft. */
    private readonly draftCode: () => Promise<string>,
  ) {}

  /** Checks, prepares and uploads files picked for a slot; refusals are shown beside the slot. */
  async addFiles(field: UploadField, files: readonly File[]): Promise<void> {
    const slot = UPLOAD_SLOTS[field];
    if (slot?.max === 1) {
      // A photo slot holds one file: picking again replaces whatever is pending there.
      for (const upload of this.pendingIn(field)) this.discard(upload.id);
    }
    const room = this.roomLeft(field);
    const problems = files.map((file) => checkPickedFile(field, file)).filter((p): p is string => p !== null);
    if (files.length > room) {
      problems.push(t('documents.tooMany', { label: t(`fields.${field}`), max: slot?.max ?? 1 }));
    }
    this.store.dispatch({
      type: 'fieldErrorSet',
      key: field,
      message: problems.length > 0 ? problems.join(' ') : null,
    });
    const usable = files.filter((file) => checkPickedFile(field, file) === null).slice(0, Math.max(0, room));
    await Promise.all(usable.map((file) => this.addOne(field, file)));
  }

  async retry(uploadId: string): Promise<void> {
    if (this.find(uploadId)?.field !== 'signature') {
      await this.send(uploadId);
      return;
    }
    // The failed upload may hold an older signature than the pad: render the current one.
    this.discard(uploadId);
    await this.syncSignature();
  }

  discard(uploadId: string): void {
    this.handles.get(uploadId)?.abort();
    this.releasePreview(this.find(uploadId));
    this.store.dispatch({ type: 'uploadDiscarded', id: uploadId });
  }

  async removeFile(fileId: string): Promise<void> {
    const state = this.store.getState();
    const file = state.files.find((f) => f.id === fileId);
    if (!file || !state.resumeCode) return;
    try {
      await deleteDraftFile(state.resumeCode, fileId);
    } catch (error) {
      // Already gone on the server is what we wanted anyway.
      if (!(error instanceof ApiError && error.isNotFound)) {
        this.store.dispatch({ type: 'fieldErrorSet', key: file.field, message: describeUploadError(error) });
        return;
      }
    }
    this.store.dispatch({ type: 'fileRemoved', fileId });
  }

  /** Uploads the signature if it changed since the last upload; resolves once that is settled. */
  syncSignature(): Promise<void> {
    // One at a time, so an older signature can never land after a newer one.
    const upload = () => this.uploadCurrentSignature();
    this.signatureQueue = this.signatureQueue.then(upload, upload);
    return this.signatureQueue;
  }

  private find(uploadId: string): PendingUpload | undefined {
    return this.store.getState().uploads.find((u) => u.id === uploadId);
  }

  private pendingIn(field: UploadField): PendingUpload[] {
    return this.store.getState().uploads.filter((u) => u.field === field);
  }

  private update(uploadId: string, changes: Partial<PendingUpload>): void {
    this.store.dispatch({ type: 'uploadUpdated', id: uploadId, changes });
  }

  private releasePreview(upload: PendingUpload | undefined): void {
    if (upload?.previewUrl) URL.revokeObjectURL(upload.previewUrl);
  }

  private roomLeft(field: UploadField): number {
    const slot = UPLOAD_SLOTS[field];
    if (!slot || slot.max === 1) return 1;
    const uploaded = this.store.getState().files.filter((f) => f.field === field).length;
    return slot.max - uploaded - this.pendingIn(field).length;
  }

  private async addOne(field: UploadField, file: File): Promise<void> {
    const id = newUploadId();
    this.store.dispatch({
      type: 'uploadQueued',
      upload: { id, field, fileName: file.name, blob: null, previewUrl: null, progress: 0, status: 'preparing' },
    });
    try {
      const prepared = await prepareFile(file);
      this.update(id, { blob: prepared.blob, fileName: prepared.fileName, previewUrl: prepared.previewUrl });
    } catch (error) {
      this.store.dispatch({ type: 'uploadDiscarded', id });
      this.store.dispatch({ type: 'fieldErrorSet', key: field, message: describeUploadError(error) });
      return;
    }
    await this.send(id);
  }

  /** Sends a prepared upload; true when the draft now holds it. */
  private async send(uploadId: string): Promise<boolean> {
    const upload = this.find(uploadId);
    if (!upload?.blob) return false;
    let code: string;
    try {
      code = await this.draftCode();
    } catch (error) {
      this.update(uploadId, { status: 'failed', error: describeUploadError(error) });
      return false;
    }
    this.update(uploadId, { status: 'uploading', progress: 0, error: undefined });
    let reported = 0;
    const handle = uploadDraftFile(code, upload.field, upload.blob, upload.fileName, (fraction) => {
      // Re-rendering on every progress event is wasteful; 5 % steps are smooth enough.
      if (fraction - reported < 0.05 && fraction < 1) return;
      reported = fraction;
      this.update(uploadId, { progress: fraction });
    });
    this.handles.set(uploadId, handle);
    try {
      const file = await handle.promise;
      this.releasePreview(this.find(uploadId));
      this.store.dispatch({ type: 'uploadFinished', id: uploadId, file });
      return true;
    } catch (error) {
      if (!(error instanceof ApiError && error.code === 'ABORTED')) {
        this.update(uploadId, { status: 'failed', error: describeUploadError(error), permanent: isPermanent(error) });
      }
      return false;
    } finally {
      this.handles.delete(uploadId);
    }
  }

  private async uploadCurrentSignature(): Promise<void> {
    const { signature, files } = this.store.getState();
    if (signature.revision === signature.uploadedRevision) return;
    const revision = signature.revision;
    const png = await renderSignaturePng(signature);
    if (!png) {
      // Cleared: the draft must not keep a signature the technician took back.
      const old = files.find((f) => f.field === 'signature');
      if (old) await this.removeFile(old.id);
      this.store.dispatch({ type: 'signatureUploaded', revision });
      return;
    }
    for (const upload of this.pendingIn('signature')) this.discard(upload.id);
    const id = newUploadId();
    const previewUrl = URL.createObjectURL(png);
    this.store.dispatch({
      type: 'uploadQueued',
      upload: {
        id,
        field: 'signature',
        fileName: 'signature.png',
        blob: png,
        previewUrl,
        progress: 0,
        status: 'uploading',
      },
    });
    if (await this.send(id)) this.store.dispatch({ type: 'signatureUploaded', revision });
  }
}
