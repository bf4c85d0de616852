import { AppError } from '../../errors.js';
import { normalizeState } from '../../shared/us-states.js';
import { type PolicyTemplate, PolicyTemplateError } from './policy-template.js';

/**
 * The set of policy templates in force, and the rule that picks one for a state: the template
 * that lists the state, otherwise the default ('*') template. Checked when built, so a broken
 * set of templates stops the server at start rather than failing a technician at signing time.
 */
export class PolicyLibrary {
  private readonly byState = new Map<string, PolicyTemplate>();
  private readonly fallback: PolicyTemplate;

  constructor(readonly templates: readonly PolicyTemplate[]) {
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
  }

  /** The policy for a state given as a code or name; VALIDATION_FAILED (field `state`) otherwise. */
  forState(state: string): PolicyTemplate {
    const code = normalizeState(state);
    if (!code) throw new AppError('VALIDATION_FAILED', 'Choose one of the 50 states or DC.', { field: 'state' });
    return this.byState.get(code) ?? this.fallback;
  }
}
