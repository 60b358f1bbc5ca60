import { ArgumentsHost, Catch, RpcExceptionFilter } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';

/**
 * Nest's default RPC exception handling turns any error a consumer handler throws into "Internal server error",
 * which hides a PermanentMessageError (its code and reason) from the consumer: the message would be retried six
 * times and dead-lettered as MESSAGING.RETRIES_EXHAUSTED. `@UseFilters(KeepMessageErrors)` on a consumer controller
 * hands the error to the consumer as it was thrown.
 */
@Catch()
export class KeepMessageErrors implements RpcExceptionFilter<unknown> {
  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    return throwError(() => exception);
  }
}
