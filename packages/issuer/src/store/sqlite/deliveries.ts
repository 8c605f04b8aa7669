import type { Queries } from '@skills-passport/service-kit';
import type { DeliveryRecord, DeliveryStore, NotificationEvent } from '../../ports.js';
import { type DeliveryRow, toDelivery, deliveryParameters } from '../rows/deliveries.js';

export class SqliteDeliveries implements DeliveryStore {
  constructor(private readonly q: Queries) {}

  async insert(d: DeliveryRecord): Promise<boolean> {
    const { changes } = await this.q.run(
      `INSERT INTO deliveries (notification_id, offer_id, configuration_id, holder_did, delivered_at, credential,
         event, event_description, event_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (offer_id, configuration_id) DO NOTHING`,
      deliveryParameters(d),
    );
    return changes === 1;
  }

  async forOffer(offerId: string): Promise<DeliveryRecord[]> {
    const rows = await this.q.all<DeliveryRow>(
      'SELECT * FROM deliveries WHERE offer_id = ? ORDER BY delivered_at, notification_id',
      [offerId],
    );
    return rows.map(toDelivery);
  }

  async recordEvent(
    notificationId: string,
    offerId: string,
    event: { event: NotificationEvent; description: string | null; at: number },
  ): Promise<boolean> {
    const { changes } = await this.q.run(
      `UPDATE deliveries SET event = ?, event_description = ?, event_at = ?
        WHERE notification_id = ? AND offer_id = ?`,
      [event.event, event.description, event.at, notificationId, offerId],
    );
    return changes === 1;
  }
}
