/** What a stored document is: an upload slot, or the signed policy PDF the server generates. */
export type DocumentCategory =
  | 'vehicle_front'
  | 'vehicle_back'
  | 'vehicle_left'
  | 'vehicle_right'
  | 'insurance'
  | 'registration'
  | 'signature'
  | 'signed_policy';

export type AcceptedType = 'image/jpeg' | 'image/png' | 'image/webp' | 'image/heic' | 'application/pdf';

export interface UploadSlot {
  readonly category: DocumentCategory;
  readonly label: string;
  /** The same name in Spanish, for technicians who chose Spanish. */
  readonly spanishLabel: string;
  readonly min: number;
  readonly max: number;
  readonly accepts: readonly AcceptedType[];
}

const PHOTO_TYPES: readonly AcceptedType[] = ['image/jpeg', 'image/png', 'image/webp', 'image/heic'];
const DOCUMENT_TYPES: readonly AcceptedType[] = [...PHOTO_TYPES, 'application/pdf'];

/**
 * The files an enrollment carries, by multipart field name. Shared by the server (to check
 * a submission) and the wizard (to guide the technician), so both enforce the same counts.
 * Field names come from requests, so the map has no prototype: `constructor` or `__proto__`
 * must look up nothing rather than an Object built-in.
 */
export const UPLOAD_SLOTS: Readonly<Record<string, UploadSlot>> = Object.assign(Object.create(null), {
  vehicle_front: {
    category: 'vehicle_front',
    label: 'Front of the vehicle',
    spanishLabel: 'Frente del vehículo',
    min: 1,
    max: 1,
    accepts: PHOTO_TYPES,
  },
  vehicle_back: {
    category: 'vehicle_back',
    label: 'Back of the vehicle',
    spanishLabel: 'Parte trasera del vehículo',
    min: 1,
    max: 1,
    accepts: PHOTO_TYPES,
  },
  vehicle_left: {
    category: 'vehicle_left',
    label: 'Left side of the vehicle',
    spanishLabel: 'Lado izquierdo del vehículo',
    min: 1,
    max: 1,
    accepts: PHOTO_TYPES,
  },
  vehicle_right: {
    category: 'vehicle_right',
    label: 'Right side of the vehicle',
    spanishLabel: 'Lado derecho del vehículo',
    min: 1,
    max: 1,
    accepts: PHOTO_TYPES,
  },
  insurance: {
    category: 'insurance',
    label: 'Insurance card or declarations',
    spanishLabel: 'Tarjeta o declaración del seguro',
    min: 1,
    max: 5,
    accepts: DOCUMENT_TYPES,
  },
  registration: {
    category: 'registration',
    label: 'Vehicle registration',
    spanishLabel: 'Registro del vehículo',
    min: 1,
    max: 5,
    accepts: DOCUMENT_TYPES,
  },
  signature: {
    category: 'signature',
    label: 'Signature',
    spanishLabel: 'Firma',
    min: 1,
    max: 1,
    accepts: ['image/png'],
  },
} satisfies Record<string, UploadSlot>);

export const MAX_FILES_PER_SUBMISSION = Object.values(UPLOAD_SLOTS).reduce((sum, slot) => sum + slot.max, 0);

export function describeAccepted(slot: UploadSlot): string {
  const names = slot.accepts.map((t) => (t === 'application/pdf' ? 'PDF' : t.replace('image/', '').toUpperCase()));
  return names.join(', ');
}
