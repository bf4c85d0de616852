import { AppError } from '../../errors.js';
import type { Language } from '../../shared/field-labels.js';
import { normalizeState } from '../../shared/us-states.js';
import { type PolicyTemplate, PolicyTemplateError } from './policy-template.js';

/** A template as given to a technician: in their language when the company supplies it. */
export type LocalizedPolicy = PolicyTemplate & { readonly language: Language };

/** Templates in another language than English, each translating the English template of its id. */
export type PolicyTranslations = Partial<Record<Exclude<Language, 'en'>, readonly PolicyTemplate[]>>;

/**
 * The set of policy templates in force, and the rule that picks one for a state: the template
 * that lists the state, otherwise the default ('*') template. Checked when built, so a broken
 * set of templates stops the server at start rather than failing a technician at signing time.
 */
export class PolicyLibrary {
  private readonly byState = new Map<string, PolicyTemplate>();
  private readonly fallback: PolicyTemplate;
  private readonly translated = new Map<string, PolicyTemplate>();

  constructor(
    readonly templates: readonly PolicyTemplate[],
    translations: PolicyTranslations = {},
  ) {
    const ids = new Set<string>();
    let fallback: PolicyTemplate | undefined;
    for (const template of templates) {
      if (ids.has(template.id)) throw new PolicyTemplateError(template.id, 'two templates have this id.');
      ids.add(template.id);
      if (template.states === '*') {
        if (fallback) {
          throw new PolicyTemplateError(
            template.id,
            `both "${fallback.id}" and "${template.id}" claim every state ("*").`,
          );
        }
        fallback = template;
        continue;
      }
      for (const state of template.states) {
        const other = this.byState.get(state);
        if (other) throw new PolicyTemplateError(template.id, `${state} is also listed by "${other.id}".`);
        this.byState.set(state, template);
      }
    }
    if (!fallback) {
      throw new PolicyTemplateError('set', 'no template has states "*", so some states would have no policy.');
    }
    this.fallback = fallback;
    for (const [language, list] of Object.entries(translations)) {
      for (const template of list ?? []) this.addTranslation(language, template);
    }
  }

  /** Every translation, in any language (each instance records the versions it serves). */
  get translations(): PolicyTemplate[] {
    return [...this.translated.values()];
  }

  /** Every policy as a technician may sign it: each template in English and in each translation. */
  get signable(): LocalizedPolicy[] {
    const english = this.templates.map((template) => ({ ...template, language: 'en' as const }));
    const translated = [...this.translated].map(([key, template]) => ({
      ...template,
      language: key.slice(0, key.indexOf(':')) as Language,
    }));
    return [...english, ...translated];
  }

  /** A translation names the English template it translates by its id, and covers the same states. */
  private addTranslation(language: string, template: PolicyTemplate): void {
    const source = `${language}/${template.id}`;
    const english = this.templates.find((candidate) => candidate.id === template.id);
    if (!english) throw new PolicyTemplateError(source, `no English template has the id "${template.id}".`);
    if (JSON.stringify(english.states) !== JSON.stringify(template.states)) {
      throw new PolicyTemplateError(source, `"states" must be the English template's (${String(english.states)}).`);
    }
    const key = `${language}:${template.id}`;
    if (this.translated.has(key)) throw new PolicyTemplateError(source, 'two templates translate this id.');
    this.translated.set(key, template);
  }

  /**
   * The policy for a state given as a code or name, in `language` when the company supplies that
   * translation and in English otherwise; VALIDATION_FAILED (field `state`) for an unknown state.
   */
  forState(state: string, language: Language = 'en'): LocalizedPolicy {
    const code = normalizeState(state);
    if (!code) throw new AppError('VALIDATION_FAILED', 'Choose one of the 50 states or DC.', { field: 'state' });
    const english = this.byState.get(code) ?? this.fallback;
    const translation = language === 'en' ? undefined : this.translated.get(`${language}:${english.id}`);
    return translation ? { ...translation, language } : { ...english, language: 'en' };
  }
}
