import type { Language } from '../../shared/field-labels.js';
import { fillTemplate } from '../fill-template.js';
import { headerText } from '../mail-message.js';
import type { EmailKind } from '../payloads.js';

/** The messages whose subject and opening text an admin may rewrite in settings. */
export const TEMPLATE_KINDS = [
  'email.submission_notice',
  'email.confirmation',
  'email.change_request',
  'email.rejection',
  'email.approval',
  'email.earlier_address',
  'email.expiry_reminder',
  'email.resume_link',
  'email.weekly_digest',
] as const satisfies readonly EmailKind[];

export type TemplateKind = (typeof TEMPLATE_KINDS)[number];

export interface MessageTexts {
  subject: string;
  /** The opening paragraph; empty for none. */
  intro: string;
}

interface TemplateDefinition extends MessageTexts {
  label: string;
  /** What `{…}` may name in this message, `program` included. */
  placeholders: readonly string[];
}

const ENROLLMENT = ['program', 'name', 'techId', 'reference', 'district', 'state', 'year', 'make', 'model'];

/** The built-in texts: what each message says until an admin changes it. */
export const MESSAGE_TEMPLATES: Record<TemplateKind, TemplateDefinition> = {
  'email.submission_notice': {
    label: 'Submission notice (program inbox)',
    subject: '[{program}] New enrollment: {name} (Tech ID {techId}), {reference}',
    intro: '',
    placeholders: ENROLLMENT,
  },
  'email.confirmation': {
    label: 'Confirmation (technician)',
    subject: '[{program}] We received your enrollment {reference}',
    intro: 'Hello {name}, thank you: your vehicle enrollment is in.',
    placeholders: ['program', 'name', 'reference', 'year', 'make', 'model'],
  },
  'email.change_request': {
    label: 'Change request (technician)',
    subject: '[{program}] Changes needed for your enrollment {reference}',
    intro: 'Hello {name}, the program team reviewed enrollment {reference} and asks you to change a few things:',
    placeholders: ['program', 'name', 'reference'],
  },
  'email.rejection': {
    label: 'Rejection (technician)',
    subject: '[{program}] Your enrollment {reference} was not approved',
    intro: 'Hello {name}, the program team could not approve enrollment {reference}. The reason given:',
    placeholders: ['program', 'name', 'reference'],
  },
  'email.approval': {
    label: 'Approval (technician)',
    subject: '[{program}] Your enrollment {reference} is approved',
    intro: 'Hello {name}, good news: enrollment {reference} is approved.',
    placeholders: ['program', 'name', 'reference'],
  },
  'email.earlier_address': {
    label: 'New revision, to the earlier address',
    subject: '[{program}] A new enrollment was submitted for tech ID {techId}',
    intro:
      'An enrollment was just submitted for your tech ID with a different e-mail address from the one you used before. If that was you, there is nothing to do.',
    placeholders: ['program', 'techId', 'reference'],
  },
  'email.expiry_reminder': {
    label: 'Expiry reminder (technician)',
    subject: '[{program}] Your vehicle {document} {when} ({expiresOn})',
    intro:
      'Hello {name}, the {document} on file for enrollment {reference} expires on {expiresOn}. To stay enrolled, send the renewed document before then.',
    placeholders: ['program', 'name', 'reference', 'document', 'when', 'expiresOn', 'days'],
  },
  'email.resume_link': {
    label: 'Link to continue (technician)',
    subject: '[{program}] Your link to continue your enrollment',
    intro: 'You asked for a link to continue your vehicle enrollment where you left off.',
    placeholders: ['program'],
  },
  'email.weekly_digest': {
    label: 'Weekly expiry digest (program inbox)',
    subject: '[{program}] Weekly expiry digest, week of {weekOf}: {expired} expired, {expiring} expiring',
    intro: '',
    placeholders: ['program', 'weekOf', 'expired', 'expiring'],
  },
};

/**
 * The built-in Spanish subject and opening text of each message to a technician. The texts an
 * admin saves in settings are the English ones; a technician who chose Spanish gets these.
 */
export const SPANISH_TEXTS: Partial<Record<TemplateKind, MessageTexts>> = {
  'email.confirmation': {
    subject: '[{program}] Recibimos su inscripción {reference}',
    intro: 'Hola {name}, gracias: recibimos la inscripción de su vehículo.',
  },
  'email.change_request': {
    subject: '[{program}] Se necesitan cambios en su inscripción {reference}',
    intro: 'Hola {name}, el equipo del programa revisó la inscripción {reference} y le pide cambiar algunas cosas:',
  },
  'email.rejection': {
    subject: '[{program}] Su inscripción {reference} no fue aprobada',
    intro: 'Hola {name}, el equipo del programa no pudo aprobar la inscripción {reference}. El motivo indicado:',
  },
  'email.approval': {
    subject: '[{program}] Su inscripción {reference} está aprobada',
    intro: 'Hola {name}, buenas noticias: la inscripción {reference} está aprobada.',
  },
  'email.earlier_address': {
    subject: '[{program}] Se envió una nueva inscripción para el ID de técnico {techId}',
    intro:
      'Se acaba de enviar una inscripción para su ID de técnico con una dirección de correo distinta de la que usó antes. Si fue usted, no tiene que hacer nada.',
  },
  'email.expiry_reminder': {
    subject: '[{program}] El {document} de su vehículo {when} ({expiresOn})',
    intro:
      'Hola {name}, el {document} registrado para la inscripción {reference} vence el {expiresOn}. Para seguir inscrito, envíe el documento renovado antes de esa fecha.',
  },
  'email.resume_link': {
    subject: '[{program}] Su enlace para continuar su inscripción',
    intro: 'Usted pidió un enlace para continuar la inscripción de su vehículo donde la dejó.',
  },
};

/** Texts an admin saved, by kind; a kind not there uses the built-in texts. */
export type TextOverrides = Partial<Record<TemplateKind, MessageTexts>>;

/**
 * A message's subject and opening text, from the saved texts or the built-in ones (the Spanish
 * built-ins for a technician who chose Spanish), filled in once from `values`; the subject is
 * flattened to one bounded line.
 */
export function messageTexts(
  overrides: TextOverrides | undefined,
  kind: TemplateKind,
  values: Record<string, string>,
  language: Language = 'en',
): MessageTexts {
  const spanish = language === 'es' ? SPANISH_TEXTS[kind] : undefined;
  const texts = spanish ?? overrides?.[kind] ?? MESSAGE_TEMPLATES[kind];
  return { subject: headerText(fillTemplate(texts.subject, values)), intro: fillTemplate(texts.intro, values).trim() };
}
