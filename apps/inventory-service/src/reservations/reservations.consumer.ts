import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { LotReservation } from '@lotbridge/contracts';
import { ConsumedMessage } from '@lotbridge/messaging';
import { ApplyReservationHandler } from './apply-reservation.handler';
import { fromReservationContract } from './reservation.mapper';

@Controller()
export class ReservationsConsumer {
  constructor(private readonly applyReservation: ApplyReservationHandler) {}

  @EventPattern('allocation.reservations.v1')
  async onReservation(@Payload() message: ConsumedMessage<LotReservation>): Promise<void> {
    await this.applyReservation.execute(message.messageId, fromReservationContract(message.value));
  }
}
