/**
 * The signature pad. The canvas is sized for the device pixel ratio so strokes are crisp on
 * phones, and every finished stroke goes to the store, from which the pad redraws itself
 * when the technician comes back to this step.
 */
import { type RefObject, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import SignaturePad, { type PointGroup } from 'signature_pad';
import { useWizardActions, useWizardState } from '../state/store.js';
import { INK_COLOR } from '../uploads/signature-image.js';

function fitCanvas(canvas: HTMLCanvasElement, pad: SignaturePad, strokes: PointGroup[]): void {
  const ratio = Math.max(window.devicePixelRatio || 1, 1);
  canvas.width = Math.round(canvas.offsetWidth * ratio);
  canvas.height = Math.round(canvas.offsetHeight * ratio);
  canvas.getContext('2d')?.scale(ratio, ratio);
  pad.clear();
  pad.fromData(strokes);
}

/**
 * Attaches a SignaturePad to the canvas for as long as it is mounted: it starts from the
 * strokes in the store and reports every finished stroke back to it.
 */
function useSignaturePad(canvasRef: RefObject<HTMLCanvasElement | null>, strokes: PointGroup[]) {
  const actions = useWizardActions();
  const padRef = useRef<SignaturePad | null>(null);
  const strokesRef = useRef(strokes);
  strokesRef.current = strokes;

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const pad = new SignaturePad(canvas, { penColor: INK_COLOR, minWidth: 0.8, maxWidth: 2.8 });
    padRef.current = pad;
    let width = 0;
    const refit = () => {
      // Phones fire resizes while scrolling (the URL bar); only a new width needs a redraw.
      if (canvas.offsetWidth === width) return;
      width = canvas.offsetWidth;
      fitCanvas(canvas, pad, strokesRef.current);
    };
    refit();
    const observer = new ResizeObserver(refit);
    observer.observe(canvas);
    const onEndStroke = () =>
      actions.changeSignature({
        strokes: pad.toData(),
        padSize: { width: canvas.offsetWidth, height: canvas.offsetHeight },
      });
    pad.addEventListener('endStroke', onEndStroke);
    return () => {
      observer.disconnect();
      pad.removeEventListener('endStroke', onEndStroke);
      pad.off();
      padRef.current = null;
    };
  }, [actions, canvasRef]);
  return padRef;
}

export function DrawSignature({ describedBy }: { describedBy?: string }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const { signature } = useWizardState();
  const actions = useWizardActions();
  const padRef = useSignaturePad(canvasRef, signature.strokes);
  const { t } = useTranslation();

  const undo = () => {
    const pad = padRef.current;
    if (!pad) return;
    const strokes = pad.toData().slice(0, -1);
    pad.clear();
    pad.fromData(strokes);
    actions.changeSignature({ strokes });
  };
  const clear = () => {
    padRef.current?.clear();
    actions.changeSignature({ strokes: [] });
  };

  const isEmpty = signature.strokes.length === 0;
  return (
    <div className="signature-draw">
      <canvas
        ref={canvasRef}
        className="signature-canvas"
        role="img"
        aria-label={isEmpty ? t('signature.padEmpty') : t('signature.padSigned')}
        aria-describedby={describedBy}
        data-testid="signature-canvas"
      />
      <div className="button-row">
        <button type="button" className="button secondary small" onClick={undo} disabled={isEmpty}>
          {t('signature.undo')}
        </button>
        <button type="button" className="button secondary small" onClick={clear} disabled={isEmpty}>
          {t('signature.clear')}
        </button>
      </div>
    </div>
  );
}
