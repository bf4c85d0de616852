/**
 * The enrollment's fields, once: how each is named on screen (`label`), in a list column
 * (`shortLabel`) and in the CSV export (`csvHeader`), the kind of value it holds, the part of the
 * enrollment it belongs to and the database column that stores it. The wizard's form state, its
 * review step, the admin detail, the revision diff, the CSV export and the API's enrollment type
 * all derive from this table; the rules for each value live in the schema beside it
 * (enrollment.schema.ts). Adding a field is a change here, in the schema and in a migration.
 *
 * Bundled into the browser: no imports beyond src/shared.
 */

/** What kind of value a field holds, which decides how it is stored, edited and shown. */
export type FieldType = 'text' | 'state' | 'industries' | 'year' | 'date' | 'consent';

/** The part of the enrollment a field belongs to, as the review step and the admin detail group them. */
export type FieldSection = 'technician' | 'vehicle' | 'documents' | 'policy';

export interface FieldDefinition {
  readonly key: string;
  readonly label: string;
  /** The same label in Spanish, for technicians who chose Spanish (wizard and their e-mails). */
  readonly spanishLabel: string;
  readonly shortLabel: string;
  /** null: not part of the export. */
  readonly csvHeader: string | null;
  readonly type: FieldType;
  readonly section: FieldSection;
  /** Optional answers are stored as null when not given. */
  readonly optional: boolean;
  /** Whether the admin may show it as a list column (name and tech ID are always shown). */
  readonly listColumn: boolean;
  /** For answers about an uploaded document: the upload slot they describe. */
  readonly document?: 'insurance' | 'registration';
  /** The enrollments table's column. */
  readonly column: string;
}

export const ENROLLMENT_FIELDS = [
  {
    key: 'fullName',
    label: 'Full name',
    spanishLabel: 'Nombre completo',
    shortLabel: 'Name',
    csvHeader: 'Full name',
    type: 'text',
    section: 'technician',
    optional: false,
    listColumn: false,
    column: 'full_name',
  },
  {
    key: 'techId',
    label: 'Tech ID',
    spanishLabel: 'ID de técnico',
    shortLabel: 'Tech ID',
    csvHeader: 'Tech ID',
    type: 'text',
    section: 'technician',
    optional: false,
    listColumn: false,
    column: 'tech_id',
  },
  {
    key: 'district',
    label: 'District',
    spanishLabel: 'Distrito',
    shortLabel: 'District',
    csvHeader: 'District',
    type: 'text',
    section: 'technician',
    optional: false,
    listColumn: true,
    column: 'district',
  },
  {
    key: 'state',
    label: 'State',
    spanishLabel: 'Estado',
    shortLabel: 'State',
    csvHeader: 'State',
    type: 'state',
    section: 'technician',
    optional: false,
    listColumn: true,
    column: 'state',
  },
  {
    key: 'referredBy',
    label: 'Referred by',
    spanishLabel: 'Recomendado por',
    shortLabel: 'Referred by',
    csvHeader: 'Referred by',
    type: 'text',
    section: 'technician',
    optional: true,
    listColumn: true,
    column: 'referred_by',
  },
  {
    key: 'industries',
    label: 'Industries',
    spanishLabel: 'Industrias',
    shortLabel: 'Industries',
    csvHeader: 'Industries',
    type: 'industries',
    section: 'technician',
    optional: false,
    listColumn: true,
    column: 'industries',
  },
  {
    key: 'email',
    label: 'Email',
    spanishLabel: 'Correo electrónico',
    shortLabel: 'Email',
    csvHeader: 'Email',
    type: 'text',
    section: 'technician',
    optional: false,
    listColumn: true,
    column: 'email',
  },
  {
    key: 'phone',
    label: 'Mobile phone',
    spanishLabel: 'Teléfono móvil',
    shortLabel: 'Phone',
    csvHeader: 'Phone',
    type: 'text',
    section: 'technician',
    optional: true,
    listColumn: true,
    column: 'phone',
  },
  {
    key: 'vin',
    label: 'VIN',
    spanishLabel: 'VIN',
    shortLabel: 'VIN',
    csvHeader: 'VIN',
    type: 'text',
    section: 'vehicle',
    optional: false,
    listColumn: true,
    column: 'vin',
  },
  {
    key: 'year',
    label: 'Model year',
    spanishLabel: 'Año del modelo',
    shortLabel: 'Year',
    csvHeader: 'Year',
    type: 'year',
    section: 'vehicle',
    optional: false,
    listColumn: true,
    column: 'year',
  },
  {
    key: 'make',
    label: 'Make',
    spanishLabel: 'Marca',
    shortLabel: 'Make',
    csvHeader: 'Make',
    type: 'text',
    section: 'vehicle',
    optional: false,
    listColumn: true,
    column: 'make',
  },
  {
    key: 'model',
    label: 'Model',
    spanishLabel: 'Modelo',
    shortLabel: 'Model',
    csvHeader: 'Model',
    type: 'text',
    section: 'vehicle',
    optional: false,
    listColumn: true,
    column: 'model',
  },
  {
    key: 'color',
    label: 'Color',
    spanishLabel: 'Color',
    shortLabel: 'Color',
    csvHeader: 'Color',
    type: 'text',
    section: 'vehicle',
    optional: true,
    listColumn: true,
    column: 'color',
  },
  {
    key: 'plate',
    label: 'License plate',
    spanishLabel: 'Placa',
    shortLabel: 'Plate',
    csvHeader: 'Plate',
    type: 'text',
    section: 'vehicle',
    optional: true,
    listColumn: true,
    column: 'plate',
  },
  {
    key: 'insuranceProvider',
    label: 'Insurance company',
    spanishLabel: 'Compañía de seguros',
    shortLabel: 'Insurance company',
    csvHeader: 'Insurance company',
    type: 'text',
    section: 'documents',
    optional: true,
    listColumn: true,
    document: 'insurance',
    column: 'insurance_provider',
  },
  {
    key: 'insurancePolicyNumber',
    label: 'Insurance policy number',
    spanishLabel: 'Número de póliza de seguro',
    shortLabel: 'Policy number',
    csvHeader: 'Insurance policy number',
    type: 'text',
    section: 'documents',
    optional: true,
    listColumn: true,
    document: 'insurance',
    column: 'insurance_policy_number',
  },
  {
    key: 'insuranceExpiration',
    label: 'Insurance expiration date',
    spanishLabel: 'Fecha de vencimiento del seguro',
    shortLabel: 'Insurance expires',
    csvHeader: 'Insurance expiration',
    type: 'date',
    section: 'documents',
    optional: false,
    listColumn: true,
    document: 'insurance',
    column: 'insurance_expiration',
  },
  {
    key: 'registrationExpiration',
    label: 'Registration expiration date',
    spanishLabel: 'Fecha de vencimiento del registro',
    shortLabel: 'Registration expires',
    csvHeader: 'Registration expiration',
    type: 'date',
    section: 'documents',
    optional: false,
    listColumn: true,
    document: 'registration',
    column: 'registration_expiration',
  },
  {
    key: 'comment',
    label: 'Comment',
    spanishLabel: 'Comentario',
    shortLabel: 'Comment',
    csvHeader: 'Comment',
    type: 'text',
    section: 'policy',
    optional: true,
    listColumn: false,
    column: 'comment',
  },
  {
    key: 'policyAcknowledged',
    label: 'Policy acknowledged',
    spanishLabel: 'Política aceptada',
    shortLabel: 'Policy acknowledged',
    csvHeader: null,
    type: 'consent',
    section: 'policy',
    optional: false,
    listColumn: false,
    column: 'policy_acknowledged',
  },
] as const satisfies readonly FieldDefinition[];

export type EnrollmentField = (typeof ENROLLMENT_FIELDS)[number];
type Field = EnrollmentField;
export type EnrollmentFieldKey = Field['key'];

/** The fields the form keeps as text (every type but the list of industries and the consent box). */
export type TextFieldKey = Extract<Field, { type: 'text' | 'state' | 'year' | 'date' }>['key'];

export const ENROLLMENT_TEXT_FIELDS = ENROLLMENT_FIELDS.filter(
  (field): field is Extract<Field, { key: TextFieldKey }> => field.type !== 'industries' && field.type !== 'consent',
).map((field) => field.key);

/** The fields the admin may add to the list as columns, in table order. */
export type ListFieldKey = Extract<Field, { listColumn: true }>['key'];
export const LIST_FIELDS = ENROLLMENT_FIELDS.filter(
  (field): field is Extract<Field, { listColumn: true }> => field.listColumn,
).map((field) => field.key);

export const FIELD_BY_KEY = Object.fromEntries(ENROLLMENT_FIELDS.map((field) => [field.key, field])) as {
  readonly [K in EnrollmentFieldKey]: Extract<Field, { key: K }>;
};

export function fieldsOfSection(section: FieldSection): readonly Field[] {
  return ENROLLMENT_FIELDS.filter((field) => field.section === section);
}

type ValueOf<T extends FieldType> = T extends 'industries'
  ? string[]
  : T extends 'consent'
    ? boolean
    : T extends 'year'
      ? number
      : string;

/** The fields as the API presents an enrollment: optional answers not given are null. */
export type PresentedFields = {
  -readonly [F in Field as F['key']]: F['optional'] extends true ? ValueOf<F['type']> | null : ValueOf<F['type']>;
};
