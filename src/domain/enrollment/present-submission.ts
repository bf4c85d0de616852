/** The link the technician gets after submitting: the token is the capability to download. */
export function policyPdfUrl(enrollmentId: string, receiptToken: string): string {
  return `/api/enrollments/${encodeURIComponent(enrollmentId)}/policy.pdf?token=${receiptToken}`;
}

/** The 201 answer to a submission, from either the multipart API or a draft. */
export function presentSubmission(result: { id: string; reference: string; status: string; receiptToken: string }) {
  return {
    id: result.id,
    reference: result.reference,
    status: result.status,
    policyPdfUrl: policyPdfUrl(result.id, result.receiptToken),
  };
}
