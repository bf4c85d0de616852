/**
 * Photos full size in a modal: ← and → move between them, + and − zoom (0 resets), Esc closes;
 * the same with buttons. A zoomed photo scrolls inside the frame. Focus stays in the dialog
 * while it is open and returns to the thumbnail that opened it.
 */
import { type KeyboardEvent, useState } from 'react';
import { Dialog } from '../components/Dialog.js';

export interface Photo {
  id: string;
  url: string;
  label: string;
}

const ZOOM_STEPS = [1, 1.5, 2, 3, 4];

interface Props {
  photos: Photo[];
  index: number | null;
  onIndex(index: number): void;
  onClose(): void;
}

export function PhotoLightbox({ photos, index, onIndex, onClose }: Props) {
  const [zoomStep, setZoomStep] = useState(0);
  const [fittedWidth, setFittedWidth] = useState<number | null>(null);
  const photo = index === null ? undefined : photos[index];
  const zoom = ZOOM_STEPS[zoomStep] ?? 1;

  const show = (next: number) => {
    if (photos.length === 0) return;
    setZoomStep(0);
    setFittedWidth(null);
    onIndex((next + photos.length) % photos.length);
  };
  const zoomBy = (steps: number) => setZoomStep((s) => Math.min(ZOOM_STEPS.length - 1, Math.max(0, s + steps)));

  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    if (index === null) return;
    const actions: Record<string, () => void> = {
      ArrowLeft: () => show(index - 1),
      ArrowRight: () => show(index + 1),
      '+': () => zoomBy(1),
      '=': () => zoomBy(1),
      '-': () => zoomBy(-1),
      _: () => zoomBy(-1),
      '0': () => setZoomStep(0),
    };
    const action = actions[event.key];
    if (!action || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    action();
  };

  const close = () => {
    setZoomStep(0);
    setFittedWidth(null);
    onClose();
  };

  return (
    <Dialog title="Photos" open={photo !== undefined} onClose={close} className="lightbox" onKeyDown={onKeyDown}>
      {photo && index !== null ? (
        <>
          <p className="lightbox-caption" aria-live="polite" data-testid="lightbox-caption">
            Photo {index + 1} of {photos.length}: {photo.label} · Zoom {Math.round(zoom * 100)}%
          </p>
          <div className="lightbox-stage">
            <img
              key={photo.id}
              src={photo.url}
              alt={photo.label}
              data-testid="lightbox-image"
              onLoad={(event) => setFittedWidth(event.currentTarget.clientWidth)}
              style={zoom > 1 && fittedWidth ? { width: fittedWidth * zoom, maxWidth: 'none', maxHeight: 'none' } : undefined}
            />
          </div>
          <div className="button-row lightbox-controls">
            <button type="button" className="button secondary small" onClick={() => show(index - 1)} data-autofocus>
              ← Previous
            </button>
            <button type="button" className="button secondary small" onClick={() => show(index + 1)}>
              Next →
            </button>
            <button type="button" className="button secondary small" onClick={() => zoomBy(-1)} disabled={zoomStep === 0}>
              Zoom out
            </button>
            <button
              type="button"
              className="button secondary small"
              onClick={() => zoomBy(1)}
              disabled={zoomStep === ZOOM_STEPS.length - 1}
            >
              Zoom in
            </button>
            <a className="button link small" href={photo.url} target="_blank" rel="noopener">
              Open original
            </a>
          </div>
          <p className="hint">Keys: ← → move, + − zoom, 0 resets, Esc closes.</p>
        </>
      ) : null}
    </Dialog>
  );
}
