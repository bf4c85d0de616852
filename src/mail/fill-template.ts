/**
 * Subject and opening-text templates that admins write in settings, with placeholders such as
 * `{name}` or `{reference}`. Filling is one pass over the template, so a value that itself
 * contains `{techId}` stays as typed; an unknown placeholder is left as written rather than
 * failing a send (saving refuses it, see {@link unknownPlaceholders}).
 */
const PLACEHOLDER = /\{([A-Za-z][A-Za-z0-9]*)\}/g;

export function fillTemplate(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(PLACEHOLDER, (whole, name: string) =>
    Object.hasOwn(values, name) ? (values[name] ?? '') : whole,
  );
}

/** The placeholders of `template` that are not in `known`, each once, in order. */
export function unknownPlaceholders(template: string, known: readonly string[]): string[] {
  const unknown = new Set<string>();
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    if (!known.includes(name)) unknown.add(name);
  }
  return [...unknown];
}
