/**
 * Admin search is case- and accent-insensitive on both engines. SQLite's lower() only folds
 * ASCII, so instead of asking the database to fold, the text is folded here once when an
 * enrollment is stored (`search_text` column) and again for each search term.
 */
const LETTERS_WITHOUT_DECOMPOSITION: Record<string, string> = {
  ł: 'l',
  đ: 'd',
  ø: 'o',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
};

export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[łđøßæœı]/g, (c) => LETTERS_WITHOUT_DECOMPOSITION[c] ?? c)
    .replace(/\s+/g, ' ')
    .trim();
}

/** What the admin search matches against: name, tech ID and VIN, each folded. */
export function enrollmentSearchText(row: { full_name: string; tech_id: string; vin: string }): string {
  return [row.full_name, row.tech_id, row.vin].map(foldForSearch).join(' | ');
}
