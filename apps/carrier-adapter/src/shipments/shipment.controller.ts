import { Controller, Get, NotFoundException, Param } from '@nestjs/common';
import { PrismaService } from '../persistence/prisma.service';
import { ShipmentRepository, StoredEvent, StoredLine } from './shipment.repository';

export interface ShipmentView {
  deliveryNumber: string;
  /** in-transit: goods issued, no proof of delivery; delivered: proof of delivery recorded; unknown: only tracking events so far */
  status: 'in-transit' | 'delivered' | 'unknown';
  deliveredAt: string | null;
  lines: StoredLine[];
  events: StoredEvent[];
}

@Controller('shipments')
export class ShipmentController {
  constructor(private readonly prisma: PrismaService) {}

  /** GET /shipments/:deliveryNumber: what travels on the delivery and its tracking history, oldest event first. */
  @Get(':deliveryNumber')
  async shipment(@Param('deliveryNumber') deliveryNumber: string): Promise<ShipmentView> {
    const shipments = new ShipmentRepository(this.prisma);
    const [lines, events, delivered] = [await shipments.lines(deliveryNumber), await shipments.events(deliveryNumber), await shipments.delivered(deliveryNumber)];
    if (lines.length === 0 && events.length === 0 && !delivered) throw new NotFoundException({ error: 'CARRIER.UNKNOWN_SHIPMENT', message: `no goods issue and no tracking event for delivery "${deliveryNumber}"` });
    return { deliveryNumber, status: delivered ? 'delivered' : lines.length > 0 ? 'in-transit' : 'unknown', deliveredAt: delivered?.deliveredAt ?? null, lines, events };
  }
}
