import type { DraftFile } from '../api.js';

/** Browsers can show these; HEIC and PDF get an icon instead. */
const SHOWABLE = new Set(['image/jpeg', 'image/png', 'image/webp']);

export function isShowableImage(contentType: string): boolean {
  return SHOWABLE.has(contentType.split(';')[0]?.trim() ?? '');
}

/** A thumbnail of a file in the draft, served by the draft's file URL. */
export function FileThumbnail({ file, alt }: { file: DraftFile; alt: string }) {
  if (isShowableImage(file.contentType)) {
    return <img className="thumbnail" src={file.url} alt={alt} decoding="async" />;
  }
  const kind = file.contentType === 'application/pdf' ? 'PDF' : 'IMG';
  return (
    <span className="thumbnail file-icon" role="img" aria-label={alt}>
      {kind}
    </span>
  );
}
