/**
 * Small line drawings that show which angle each photo slot wants. Decorative: the slot's
 * label says the same in words, so they are hidden from screen readers.
 */
import type { ReactElement } from 'react';
import type { PhotoField } from '../state/types.js';

const SIDE = (
  <>
    <path d="M8 46V36q2-7 12-8l16-3 12-11q4-3 12-3h22q8 0 13 5l10 10q10 2 10 10v10z" />
    <path d="M41 25l9-10h14v10zM68 15h14q6 0 10 5l4 5H68z" />
    <circle cx="30" cy="47" r="8" />
    <circle cx="92" cy="47" r="8" />
  </>
);

const FRONT = (
  <>
    <path d="M20 48V32q2-7 10-9l8-13q2-3 8-3h28q6 0 8 3l8 13q8 2 10 9v16z" />
    <path d="M41 12h38l7 10H34z" />
    <circle cx="32" cy="33" r="4" />
    <circle cx="88" cy="33" r="4" />
    <path d="M48 31h24v6H48zM24 48v7h11v-7M85 48v7h11v-7" />
  </>
);

const BACK = (
  <>
    <path d="M20 48V32q2-7 10-9l8-13q2-3 8-3h28q6 0 8 3l8 13q8 2 10 9v16z" />
    <path d="M41 12h38l7 10H34z" />
    <path d="M26 29h12v6H26zM82 29h12v6H82zM50 38h20v7H50zM24 48v7h11v-7M85 48v7h11v-7" />
  </>
);

const DRAWINGS: Record<PhotoField, { content: ReactElement; mirrored?: boolean }> = {
  vehicle_front: { content: FRONT },
  vehicle_back: { content: BACK },
  vehicle_left: { content: SIDE },
  vehicle_right: { content: SIDE, mirrored: true },
};

export function Silhouette({ field }: { field: PhotoField }) {
  const drawing = DRAWINGS[field];
  return (
    <svg
      className="silhouette"
      viewBox="0 0 120 64"
      width="120"
      height="64"
      aria-hidden="true"
      focusable="false"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinejoin="round"
    >
      <g transform={drawing.mirrored ? 'translate(120 0) scale(-1 1)' : undefined}>{drawing.content}</g>
    </svg>
  );
}
