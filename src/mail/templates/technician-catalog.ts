/**
 * The words of the e-mails to technicians, in English and Spanish, as whole sentences with
 * named values (`{{document}}`, `{{count}}` with its plural forms). A technician's messages are
 * written in the language they chose in the wizard; the program inbox's stay English.
 */
import { createTranslator } from '../../shared/translator.js';

export type { TFunction } from '../../shared/translator.js';

const en = {
  facts: {
    reference: 'Reference',
    submitted: 'Submitted',
    vehicle: 'Vehicle',
    vehicleValue: '{{year}} {{make}} {{model}}',
    techId: 'Tech ID',
    revision: 'Revision',
    document: 'Document',
    expires: 'Expires',
  },
  footer: 'This message was sent automatically by the enrollment system.',
  confirmation: {
    heading: 'Your enrollment was received',
    next: 'What happens next: the program team reviews your enrollment. You will get an e-mail when it is approved, or if anything needs to be changed. Keep the reference above for any question.',
    pdf: 'Download your signed policy (PDF)',
  },
  changeRequest: {
    heading: 'Please update your enrollment',
    whatToFix: 'What to fix',
    open: 'Open your enrollment to make the changes',
    linkGone: 'The link for these changes has expired or was replaced; reply to this e-mail for a new one.',
    until:
      'The link works until {{until}}. Only the marked items need your attention; you will sign the policy again before sending.',
  },
  rejection: {
    heading: 'Your enrollment was not approved',
    next: 'You can reply to this e-mail with any question, or submit a new enrollment.',
  },
  approval: {
    heading: 'Your enrollment is approved',
    keepCurrent: 'Keep your insurance and registration current; you will be reminded before they expire.',
  },
  earlierAddress: {
    heading: 'A new enrollment uses your tech ID',
    notYou: 'If you did not submit it, reply to this e-mail so the program team can look into it.',
  },
  expiry: {
    insurance: 'insurance',
    registration: 'registration',
    headingToday: 'Your {{document}} expires today',
    headingTomorrow: 'Your {{document}} expires tomorrow',
    heading_one: 'Your {{document}} expires in {{count}} day',
    heading_other: 'Your {{document}} expires in {{count}} days',
    whenToday: 'expires today',
    whenTomorrow: 'expires tomorrow',
    when_one: 'expires in {{count}} day',
    when_other: 'expires in {{count}} days',
    upload: 'Upload your renewed {{document}}',
    reply: 'Reply to this e-mail to send the renewed document.',
    how: 'The link opens your enrollment with everything filled in: add the new document and its expiry date, sign, and send. It is reviewed like any other update.',
  },
  resume: {
    heading: 'Continue your enrollment',
    link: 'Continue your enrollment',
    gone: 'That draft has expired or was already sent; start a new enrollment.',
    ignore: 'If you did not ask for this, you can ignore this e-mail.',
  },
};

type Messages<T> = { [K in keyof T]: T[K] extends string ? string : Messages<T[K]> };

const es: Messages<typeof en> & { expiry: { heading_many: string; when_many: string } } = {
  facts: {
    reference: 'Referencia',
    submitted: 'Enviada',
    vehicle: 'Vehículo',
    vehicleValue: '{{make}} {{model}} {{year}}',
    techId: 'ID de técnico',
    revision: 'Revisión',
    document: 'Documento',
    expires: 'Vence',
  },
  footer: 'Este mensaje lo envió automáticamente el sistema de inscripción.',
  confirmation: {
    heading: 'Recibimos su inscripción',
    next: 'Qué sigue: el equipo del programa revisará su inscripción. Recibirá un correo cuando sea aprobada o si hay que cambiar algo. Guarde la referencia de arriba para cualquier consulta.',
    pdf: 'Descargue su política firmada (PDF)',
  },
  changeRequest: {
    heading: 'Actualice su inscripción',
    whatToFix: 'Qué corregir',
    open: 'Abra su inscripción para hacer los cambios',
    linkGone: 'El enlace para estos cambios venció o fue reemplazado; responda a este correo para recibir uno nuevo.',
    until:
      'El enlace funciona hasta el {{until}}. Solo los puntos marcados necesitan su atención; firmará la política de nuevo antes de enviar.',
  },
  rejection: {
    heading: 'Su inscripción no fue aprobada',
    next: 'Puede responder a este correo con cualquier pregunta, o enviar una nueva inscripción.',
  },
  approval: {
    heading: 'Su inscripción está aprobada',
    keepCurrent: 'Mantenga vigentes su seguro y su registro; le avisaremos antes de que venzan.',
  },
  earlierAddress: {
    heading: 'Una nueva inscripción usa su ID de técnico',
    notYou: 'Si usted no la envió, responda a este correo para que el equipo del programa lo revise.',
  },
  expiry: {
    insurance: 'seguro',
    registration: 'registro',
    headingToday: 'Su {{document}} vence hoy',
    headingTomorrow: 'Su {{document}} vence mañana',
    heading_one: 'Su {{document}} vence en {{count}} día',
    heading_many: 'Su {{document}} vence en {{count}} días',
    heading_other: 'Su {{document}} vence en {{count}} días',
    whenToday: 'vence hoy',
    whenTomorrow: 'vence mañana',
    when_one: 'vence en {{count}} día',
    when_many: 'vence en {{count}} días',
    when_other: 'vence en {{count}} días',
    upload: 'Suba su {{document}} renovado',
    reply: 'Responda a este correo para enviar el documento renovado.',
    how: 'El enlace abre su inscripción con todo ya completado: agregue el nuevo documento y su fecha de vencimiento, firme y envíe. Se revisa como cualquier otra actualización.',
  },
  resume: {
    heading: 'Continúe su inscripción',
    link: 'Continúe su inscripción',
    gone: 'Ese borrador venció o ya fue enviado; comience una nueva inscripción.',
    ignore: 'Si usted no lo pidió, puede ignorar este correo.',
  },
};

export const technicianText = createTranslator({ en, es });
