import type { Openid4vciClient, IssuerMetadataResult } from '@openid4vc/openid4vci';

/** What the wallet tells an issuer of a credential it was handed (OpenID4VCI 1.0 §11). */
export type NotificationEvent = 'credential_accepted' | 'credential_failure' | 'credential_deleted';

/**
 * `event_description` as §11.1 allows it: printable ASCII without `"` and `\`, short. Anything
 * else is replaced, so a description can never make the issuer refuse the notification.
 */
export function notificationDescription(text: string): string {
  return text.replace(/[^\x20-\x21\x23-\x5B\x5D-\x7E]/g, ' ').slice(0, 200);
}

/**
 * Tells the issuer what became of each delivery (one notification per `notification_id`), with
 * the flow's access token, at its notification endpoint. Best effort and never throws: the
 * credential is stored (or refused) whatever the issuer answers, so a notification that fails is
 * only logged. Resolves when every notification has been answered or has failed.
 */
export async function notifyIssuer(
  client: Openid4vciClient,
  metadata: IssuerMetadataResult,
  accessToken: string,
  notificationIds: string[],
  event: NotificationEvent,
  description?: string,
): Promise<void> {
  if (metadata.credentialIssuer.notification_endpoint === undefined || notificationIds.length === 0) return;
  await Promise.all(
    notificationIds.map(async (notificationId) => {
      try {
        await client.sendNotification({
          issuerMetadata: metadata,
          accessToken,
          notification: {
            notificationId,
            event,
            ...(description === undefined ? {} : { eventDescription: notificationDescription(description) }),
          },
        });
      } catch (error) {
        console.warn('The issuer was not told what became of the credential:', error);
      }
    }),
  );
}
