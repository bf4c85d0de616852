/**
 * The places a technician can be based: the 50 states and the District of Columbia.
 * Territories are left out on purpose because the program does not operate there.
 */

export interface UsState {
  readonly code: string;
  readonly name: string;
}

export const US_STATES: readonly UsState[] = Object.freeze(
  [
    { code: 'AL', name: 'Alabama' },
    { code: 'AK', name: 'Alaska' },
    { code: 'AZ', name: 'Arizona' },
    { code: 'AR', name: 'Arkansas' },
    { code: 'CA', name: 'California' },
    { code: 'CO', name: 'Colorado' },
    { code: 'CT', name: 'Connecticut' },
    { code: 'DE', name: 'Delaware' },
    { code: 'DC', name: 'District of Columbia' },
    { code: 'FL', name: 'Florida' },
    { code: 'GA', name: 'Georgia' },
    { code: 'HI', name: 'Hawaii' },
    { code: 'ID', name: 'Idaho' },
    { code: 'IL', name: 'Illinois' },
    { code: 'IN', name: 'Indiana' },
    { code: 'IA', name: 'Iowa' },
    { code: 'KS', name: 'Kansas' },
    { code: 'KY', name: 'Kentucky' },
    { code: 'LA', name: 'Louisiana' },
    { code: 'ME', name: 'Maine' },
    { code: 'MD', name: 'Maryland' },
    { code: 'MA', name: 'Massachusetts' },
    { code: 'MI', name: 'Michigan' },
    { code: 'MN', name: 'Minnesota' },
    { code: 'MS', name: 'Mississippi' },
    { code: 'MO', name: 'Missouri' },
    { code: 'MT', name: 'Montana' },
    { code: 'NE', name: 'Nebraska' },
    { code: 'NV', name: 'Nevada' },
    { code: 'NH', name: 'New Hampshire' },
    { code: 'NJ', name: 'New Jersey' },
    { code: 'NM', name: 'New Mexico' },
    { code: 'NY', name: 'New York' },
    { code: 'NC', name: 'North Carolina' },
    { code: 'ND', name: 'North Dakota' },
    { code: 'OH', name: 'Ohio' },
    { code: 'OK', name: 'Oklahoma' },
    { code: 'OR', name: 'Oregon' },
    { code: 'PA', name: 'Pennsylvania' },
    { code: 'RI', name: 'Rhode Island' },
    { code: 'SC', name: 'South Carolina' },
    { code: 'SD', name: 'South Dakota' },
    { code: 'TN', name: 'Tennessee' },
    { code: 'TX', name: 'Texas' },
    { code: 'UT', name: 'Utah' },
    { code: 'VT', name: 'Vermont' },
    { code: 'VA', name: 'Virginia' },
    { code: 'WA', name: 'Washington' },
    { code: 'WV', name: 'West Virginia' },
    { code: 'WI', name: 'Wisconsin' },
    { code: 'WY', name: 'Wyoming' },
  ].map((state) => Object.freeze(state)),
);

/**
 * Common ways of writing the District besides its full name. "Washington" alone stays the
 * state, so only spellings that say "DC" explicitly are listed.
 */
const DC_ALIASES = ['washington dc', 'washington d c', 'd c', 'washington district of columbia'];

/** Lower-case, periods and commas dropped, runs of whitespace collapsed. */
function canonicalKey(input: string): string {
  return input.toLowerCase().replace(/[.,]/g, ' ').replace(/\s+/g, ' ').trim();
}

const CODE_BY_KEY: ReadonlyMap<string, string> = new Map([
  ...US_STATES.map((state) => [state.code.toLowerCase(), state.code] as const),
  ...US_STATES.map((state) => [canonicalKey(state.name), state.code] as const),
  ...DC_ALIASES.map((alias) => [alias, 'DC'] as const),
]);

/** The USPS code for a code or a name written any reasonable way; undefined if not a state or DC. */
export function normalizeState(input: string): string | undefined {
  return CODE_BY_KEY.get(canonicalKey(input));
}

/** The full name for a USPS code (any case); undefined for anything else. */
export function stateName(code: string): string | undefined {
  const upper = code.trim().toUpperCase();
  return US_STATES.find((state) => state.code === upper)?.name;
}
