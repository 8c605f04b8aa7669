import type { PgQueries } from '@skills-passport/service-kit';
import type { DeliveryRecord, DeliveryStore, NotificationEvent } from '../../ports.js';
import { type DeliveryRow, toDelivery, deliveryParameters } from '../rows/deliveries.js';

export class PgDeliveries implements DeliveryStore {
  constructor(private readonly q: PgQueries) {}

  async insert(d: DeliveryRecord): Promise<boolean> {
    const changes = await this.q.run(
      `INSERT INTO deliveries (notification_id, offer_id, configuration_id, holder_did, delivered_at, credential,
         event, event_description, event_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (offer_id, configuration_id) DO NOTHING`,
      deliveryParameters(d),
    );
    return changes === 1;
  }

  async forOffer(offerId: string): Promise<DeliveryRecord[]> {
    const rows = await this.q.all<DeliveryRow>(
      'SELECT * FROM deliveries WHERE offer_id = $1 ORDER BY delivered_at, notification_id',
      [offerId],
    );
    return rows.map(toDelivery);
  }

  async recordEvent(
    notificationId: string,
    offerId: string,
    event: { event: NotificationEvent; description: string | null; at: number },
  ): Promise<boolean> {
    const changes = await this.q.run(
      `UPDATE deliveries SET event = $1, event_description = $2, event_at = $3
        WHERE notification_id = $4 AND offer_id = $5`,
      [event.event, event.description, event.at, notificationId, offerId],
    );
    return changes === 1;
  }
}
