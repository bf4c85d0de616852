import sharp from 'sharp';
import { generateSignedPolicyPdf, type SignedPolicyPdfInput } from '../pdf/generate-signed-policy-pdf.js';

/** What a pool thread prepares for before its first job: the policies the server may have signed. */
export interface WarmUpInput {
  /** Plain data: it is copied to each thread. */
  policies: SignedPolicyPdfInput['policy'][];
}

/**
 * Does once, as a thread starts, what its first job would otherwise pay for: loading sharp,
 * pdf-lib and the fonts, parsing the fonts, and shaping every word of each policy (remembered
 * per thread, see pdf/fonts.ts). On a 2-core machine the first submission a fresh thread served
 * took about 780 ms, against about 130 ms for the next ones.
 */
export async function warmUpThread(input: WarmUpInput | undefined): Promise<void> {
  if (!input) return;
  try {
    const transparent = { r: 0, g: 0, b: 0, alpha: 0 };
    const canvas = sharp({ create: { width: 60, height: 20, channels: 4, background: transparent } });
    const signaturePng = await canvas.clone().png().toBuffer();
    // The JPEG decoder the image checks use (see files/check-image.ts).
    await sharp(await canvas.clone().flatten().jpeg().toBuffer(), { failOn: 'truncated' })
      .raw()
      .toBuffer();
    for (const policy of input.policies) {
      await generateSignedPolicyPdf({
        policy,
        language: policy.language,
        signer: { fullName: 'Warm-up', techId: 'warm-up' },
        signaturePng,
        submittedAt: new Date(0),
        timeZone: 'UTC',
        audit: { reference: 'warm-up', ip: null, userAgent: null },
      });
    }
  } catch {
    // Only a head start: a job that needs what failed here reports the failure itself.
  }
}
