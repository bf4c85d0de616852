/**
 * The file a worker thread should load for the module `name` beside `base` (an
 * `import.meta.url`): the compiled .js next to it, or, when running from the TypeScript sources
 * (tests, `tsx`), the .ts file loaded through tsx.
 */
export function threadEntry(base: string, name: string): { filename: string; execArgv?: string[] } {
  const fromSource = base.endsWith('.ts');
  const filename = new URL(`./${name}${fromSource ? '.ts' : '.js'}`, base).href;
  return fromSource ? { filename, execArgv: ['--import', 'tsx'] } : { filename };
}
