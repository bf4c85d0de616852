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
const LAST_STEP = ZOOM_STEPS.length - 1;

/**
 * The zoom level, as a step of ZOOM_STEPS. A zoomed photo is given an explicit width (the
 * width it had when fitted, times the zoom) so the frame scrolls to every part of it.
 */
function useZoom() {
  const [step, setStep] = useState(0);
  const [fittedWidth, setFittedWidth] = useState<number | null>(null);
  const zoom = ZOOM_STEPS[step] ?? 1;
  return {
    step,
    zoom,
    by: (steps: number) => setStep((s) => Math.min(LAST_STEP, Math.max(0, s + steps))),
    reset: () => {
      setStep(0);
      setFittedWidth(null);
    },
    measure: (width: number) => setFittedWidth(width),
    style: zoom > 1 && fittedWidth ? { width: fittedWidth * zoom, maxWidth: 'none', maxHeight: 'none' } : undefined,
  };
}

interface Props {
  photos: Photo[];
  index: number | null;
  onIndex(index: number): void;
  onClose(): void;
}

export function PhotoLightbox({ photos, index, onIndex, onClose }: Props) {
  const zoom = useZoom();
  const photo = index === null ? undefined : photos[index];
  const show = (next: number) => {
    zoom.reset();
    onIndex((next + photos.length) % photos.length);
  };
  const keys: Record<string, (at: number) => void> = {
    ArrowLeft: (at) => show(at - 1),
    ArrowRight: (at) => show(at + 1),
    '+': () => zoom.by(1),
    '=': () => zoom.by(1),
    '-': () => zoom.by(-1),
    _: () => zoom.by(-1),
    '0': () => zoom.reset(),
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDialogElement>) => {
    const action = keys[event.key];
    if (index === null || !action || event.altKey || event.ctrlKey || event.metaKey) return;
    event.preventDefault();
    action(index);
  };
  const close = () => {
    zoom.reset();
    onClose();
  };

  return (
    <Dialog title="Photos" open={photo !== undefined} onClose={close} className="lightbox" onKeyDown={onKeyDown}>
      {photo && index !== null ? (
        <>
          <p className="lightbox-caption" aria-live="polite" data-testid="lightbox-caption">
            Photo {index + 1} of {photos.length}: {photo.label} · Zoom {Math.round(zoom.zoom * 100)}%
          </p>
          <div className="lightbox-stage">
            <img
              key={photo.id}
              src={photo.url}
              alt={photo.label}
              data-testid="lightbox-image"
              onLoad={(event) => zoom.measure(event.currentTarget.clientWidth)}
              style={zoom.style}
            />
          </div>
          <LightboxControls
            url={photo.url}
            canZoomOut={zoom.step > 0}
            canZoomIn={zoom.step < LAST_STEP}
            onMove={(by) => show(index + by)}
            onZoom={zoom.by}
          />
        </>
      ) : null}
    </Dialog>
  );
}

interface ControlProps {
  url: string;
  canZoomOut: boolean;
  canZoomIn: boolean;
  onMove(by: number): void;
  onZoom(by: number): void;
}

function LightboxControls({ url, canZoomOut, canZoomIn, onMove, onZoom }: ControlProps) {
  return (
    <>
      <div className="button-row lightbox-controls">
        <button type="button" className="button secondary small" onClick={() => onMove(-1)} data-autofocus>
          ← Previous
        </button>
        <button type="button" className="button secondary small" onClick={() => onMove(1)}>
          Next →
        </button>
        <button type="button" className="button secondary small" onClick={() => onZoom(-1)} disabled={!canZoomOut}>
          Zoom out
        </button>
        <button type="button" className="button secondary small" onClick={() => onZoom(1)} disabled={!canZoomIn}>
          Zoom in
        </button>
        <a className="button link small" href={url} target="_blank" rel="noopener">
          Open original
        </a>
      </div>
      <p className="hint">Keys: ← → move, + − zoom, 0 resets, Esc closes.</p>
    </>
  );
}
