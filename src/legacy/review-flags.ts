/**
 * Why an imported enrollment needs review. The codes are stable (tests and scripts match on
 * them); the messages name the problem without repeating personal data such as the VIN.
 */
export type ReviewFlagCode =
  | 'name_missing'
  | 'tech_id_missing'
  | 'tech_id_format'
  | 'tech_id_shared'
  | 'tech_id_already_enrolled'
  | 'district_missing'
  | 'state_missing'
  | 'state_full_name'
  | 'state_unknown'
  | 'industry_unknown'
  | 'email_missing'
  | 'vin_missing'
  | 'vin_invalid'
  | 'year_not_number'
  | 'year_out_of_range'
  | 'year_vin_mismatch'
  | 'make_missing'
  | 'model_missing'
  | 'insurance_expired'
  | 'insurance_date_invalid'
  | 'registration_expired'
  | 'registration_date_invalid'
  | 'submission_date_missing'
  | 'document_type_unknown'
  | 'files_missing'
  | 'signed_policy_missing';

export interface ReviewFlag {
  code: ReviewFlagCode;
  message: string;
}

export function flag(code: ReviewFlagCode, message: string): ReviewFlag {
  return { code, message };
}
