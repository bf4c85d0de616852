import { PostFailed, type PostJsonResponse, truncateBody } from '../../net/post-json.js';
import { DeliveryFailure, type DeliveryResponse } from '../outbox/outbox-handler.js';

/** The response as the delivery log keeps it: the status and the start of the body. */
export function loggedResponse(response: PostJsonResponse): DeliveryResponse {
  return { status: response.status, body: truncateBody(response.body) };
}

/**
 * What an HTTP answer means for a delivery: 2xx accepted; 5xx, 408 and 429 retried with
 * backoff; any other answer (a 4xx, or a redirect, which is never followed) is a refusal that
 * retrying cannot fix, failed at once with the answer kept for the admin to read.
 */
export function assertAccepted(
  who: string,
  response: PostJsonResponse,
  progress?: Record<string, unknown>,
): DeliveryResponse {
  const logged = loggedResponse(response);
  const { status } = response;
  if (status >= 200 && status < 300) return logged;
  const retry = status >= 500 || status === 408 || status === 429;
  const what = status >= 300 && status < 400 ? ' (redirects are not followed)' : '';
  throw new DeliveryFailure(`${who} answered ${status}${what}: ${truncateBody(response.body, 300)}`, {
    permanent: !retry,
    response: logged,
    ...(progress ? { progress } : {}),
  });
}

/** No answer at all (refused, reset, timed out): retried, keeping what was done. */
export function noAnswer(error: unknown, progress?: Record<string, unknown>): never {
  if (error instanceof DeliveryFailure) throw error;
  const message = error instanceof PostFailed || error instanceof Error ? error.message : String(error);
  throw new DeliveryFailure(message, { permanent: false, ...(progress ? { progress } : {}) });
}
