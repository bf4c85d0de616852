/**
 * The enrollment's files, only ever through their document URLs (never inlined): the signed
 * policy PDF in an inline viewer with a download, the vehicle photos (and any photographed
 * insurance or registration pages) opening in the lightbox, and PDF pages viewable in place.
 */
import { useState } from 'react';
import type { StoredDocument } from '../api.js';
import { formatBytes } from '../format.js';
import { categoryLabel } from '../labels.js';
import { type Photo, PhotoLightbox } from './PhotoLightbox.js';

const VEHICLE = ['vehicle_front', 'vehicle_back', 'vehicle_left', 'vehicle_right'];
const PAPERS = ['insurance', 'registration'];

const isPdf = (d: StoredDocument) => d.contentType === 'application/pdf';

function pageLabel(document: StoredDocument, count: number): string {
  const label = categoryLabel(document.category);
  return count > 1 ? `${label}, page ${document.position + 1}` : label;
}

function PolicyViewer({ document, reference }: { document: StoredDocument | undefined; reference: string }) {
  if (!document) return <p className="muted">No signed policy PDF is stored for this enrollment.</p>;
  return (
    <div className="pdf-viewer">
      <iframe src={document.url} title="Signed policy PDF" data-testid="policy-viewer" />
      <a className="button secondary small" href={document.url} download={`byov-policy-${reference}.pdf`}>
        Download the signed policy (PDF, {formatBytes(document.sizeBytes)})
      </a>
    </div>
  );
}

function PdfPage({ document, label }: { document: StoredDocument; label: string }) {
  const [shown, setShown] = useState(false);
  return (
    <li className="pdf-page">
      <span className="page-name">
        {label} (PDF, {formatBytes(document.sizeBytes)})
      </span>
      <div className="button-row">
        <button type="button" className="button secondary small" aria-expanded={shown} onClick={() => setShown(!shown)}>
          {shown ? 'Hide' : 'View'}
          <span className="visually-hidden"> {label}</span>
        </button>
        <a className="button link small" href={document.url} download>
          Download<span className="visually-hidden"> {label}</span>
        </a>
      </div>
      {shown ? <iframe src={document.url} title={label} className="pdf-inline" /> : null}
    </li>
  );
}

function Thumbnail({ photo, onOpen }: { photo: Photo; onOpen(): void }) {
  return (
    <li>
      <button type="button" className="thumbnail-button" onClick={onOpen} aria-label={`Open photo: ${photo.label}`}>
        <img src={photo.url} alt="" />
      </button>
      <span className="thumbnail-caption">{photo.label}</span>
    </li>
  );
}

export function DocumentsPanel({ documents, reference }: { documents: StoredDocument[]; reference: string }) {
  const [open, setOpen] = useState<number | null>(null);
  const count = (category: string) => documents.filter((d) => d.category === category).length;
  const ordered = [...VEHICLE, ...PAPERS].flatMap((c) => documents.filter((d) => d.category === c));
  const photos: Photo[] = ordered
    .filter((d) => !isPdf(d))
    .map((d) => ({ id: d.id, url: d.url, label: pageLabel(d, count(d.category)) }));
  const photoIndex = (d: StoredDocument) => photos.findIndex((p) => p.id === d.id);
  const signature = documents.find((d) => d.category === 'signature');

  const group = (categories: string[]) => ordered.filter((d) => categories.includes(d.category));
  return (
    <section aria-labelledby="documents-heading" className="panel">
      <h2 id="documents-heading">Documents</h2>
      <h3>Signed policy</h3>
      <PolicyViewer document={documents.find((d) => d.category === 'signed_policy')} reference={reference} />
      <h3>Vehicle photos</h3>
      <ul className="thumbnail-grid">
        {group(VEHICLE).map((d) => (
          <Thumbnail key={d.id} photo={photos[photoIndex(d)] as Photo} onOpen={() => setOpen(photoIndex(d))} />
        ))}
      </ul>
      {PAPERS.map((category) => (
        <div key={category}>
          <h3>{categoryLabel(category)}</h3>
          <ul className="thumbnail-grid">
            {group([category])
              .filter((d) => !isPdf(d))
              .map((d) => (
                <Thumbnail key={d.id} photo={photos[photoIndex(d)] as Photo} onOpen={() => setOpen(photoIndex(d))} />
              ))}
          </ul>
          <ul className="page-list">
            {group([category])
              .filter(isPdf)
              .map((d) => (
                <PdfPage key={d.id} document={d} label={pageLabel(d, count(category))} />
              ))}
          </ul>
        </div>
      ))}
      {signature ? (
        <>
          <h3>Signature</h3>
          <img className="signature-preview" src={signature.url} alt="The technician's signature" />
        </>
      ) : null}
      <PhotoLightbox photos={photos} index={open} onIndex={setOpen} onClose={() => setOpen(null)} />
    </section>
  );
}
