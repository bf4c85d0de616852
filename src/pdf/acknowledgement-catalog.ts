/**
 * The words of the signed PDF's acknowledgement page and page footers, in the technician's
 * language. `<b>…</b>` marks the part drawn in bold; the policy text itself is printed as the
 * company wrote it.
 */
import { createTranslator } from '../shared/translator.js';

const en = {
  heading: 'Technician Acknowledgement of BYOV Participation',
  confirm:
    'By signing below I confirm that I have read the entire policy <b>“{{title}}”</b> (version {{version}}) shown above, and that I agree to follow it, including its mileage reimbursement and commute rules.',
  englishPolicy: 'The technician read and signed the English text of this policy, shown above.',
  name: 'Employee name:',
  techId: 'Tech ID:',
  date: 'Date:',
  dateValue: '{{date}} ({{zone}})',
  signature: 'Signature:',
  record: 'Signature record',
  reference: 'Enrollment reference',
  submitted: 'Submitted (UTC)',
  ip: 'IP address',
  userAgent: 'User agent',
  notRecorded: 'not recorded',
  policy: 'Policy',
  policyValue: '{{id}}, version {{version}}',
  policyHash: 'SHA-256 of the policy text',
  pdfHash: 'The SHA-256 of this PDF file is stored with the enrollment record.',
  footer: '{{title}} · version {{version}}',
  page: 'Page {{page}} of {{total}}',
};

const es: typeof en = {
  heading: 'Reconocimiento del técnico sobre su participación en BYOV',
  confirm:
    'Al firmar abajo confirmo que he leído completa la política <b>“{{title}}”</b> (versión {{version}}) que aparece arriba y que me comprometo a cumplirla, incluidas sus reglas de reembolso de millaje y de traslados.',
  englishPolicy: 'El técnico leyó y firmó el texto en inglés de esta política, que aparece arriba.',
  name: 'Nombre del empleado:',
  techId: 'ID de técnico:',
  date: 'Fecha:',
  dateValue: '{{date}} ({{zone}})',
  signature: 'Firma:',
  record: 'Registro de la firma',
  reference: 'Referencia de la inscripción',
  submitted: 'Enviada (UTC)',
  ip: 'Dirección IP',
  userAgent: 'Navegador (user agent)',
  notRecorded: 'no registrado',
  policy: 'Política',
  policyValue: '{{id}}, versión {{version}}',
  policyHash: 'SHA-256 del texto de la política',
  pdfHash: 'El SHA-256 de este archivo PDF se guarda con el registro de la inscripción.',
  footer: '{{title}} · versión {{version}}',
  page: 'Página {{page}} de {{total}}',
};

export const acknowledgementText = createTranslator({ en, es });

/** Splits a message into plain and bold runs at its `<b>…</b>` marks. */
export function boldRuns(message: string): { text: string; bold?: boolean }[] {
  return message
    .split(/(<b>.*?<\/b>)/)
    .filter((part) => part !== '')
    .map((part) => (part.startsWith('<b>') ? { text: part.slice(3, -4), bold: true } : { text: part }));
}
