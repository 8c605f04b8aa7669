import type { DeliveryRecord, NotificationEvent } from '../../ports.js';
import type { RowValues } from '@skills-passport/service-kit';

export type DeliveryRow = {
  notification_id: string;
  offer_id: string;
  configuration_id: string;
  holder_did: string;
  delivered_at: number;
  credential: string;
  event: string | null;
  event_description: string | null;
  event_at: number | null;
};

export const toDelivery = (row: DeliveryRow): DeliveryRecord => ({
  notificationId: row.notification_id,
  offerId: row.offer_id,
  configurationId: row.configuration_id,
  holderDid: row.holder_did,
  deliveredAt: row.delivered_at,
  credential: row.credential,
  event: row.event as NotificationEvent | null,
  eventDescription: row.event_description,
  eventAt: row.event_at,
});

/** The parameters of a deliveries insert, in its column order. */
export const deliveryParameters = (d: DeliveryRecord): RowValues => [
  d.notificationId,
  d.offerId,
  d.configurationId,
  d.holderDid,
  d.deliveredAt,
  d.credential,
  d.event,
  d.eventDescription,
  d.eventAt,
];
