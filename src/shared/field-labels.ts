/** How the enrollment's fields and upload slots are named to people (e-mails, the wizard's change requests). */
export const FIELD_LABELS: Readonly<Record<string, string>> = {
  fullName: 'Full name',
  techId: 'Tech ID',
  district: 'District',
  state: 'State',
  referredBy: 'Referred by',
  industries: 'Industries',
  email: 'E-mail',
  phone: 'Phone',
  vin: 'VIN',
  year: 'Year',
  make: 'Make',
  model: 'Model',
  color: 'Color',
  plate: 'License plate',
  insuranceProvider: 'Insurance provider',
  insurancePolicyNumber: 'Insurance policy number',
  insuranceExpiration: 'Insurance expiration',
  registrationExpiration: 'Registration expiration',
  comment: 'Comment',
  policyAcknowledged: 'Policy acknowledged',
  vehicle_front: 'Photo: front of the vehicle',
  vehicle_back: 'Photo: back of the vehicle',
  vehicle_left: 'Photo: left side of the vehicle',
  vehicle_right: 'Photo: right side of the vehicle',
  insurance: 'Insurance card or declarations',
  registration: 'Vehicle registration',
  signature: 'Signature',
};

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}
