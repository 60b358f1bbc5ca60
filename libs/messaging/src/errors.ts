import { RpcException } from '@nestjs/microservices';

/**
 * A message that can never be applied, however often it is retried (undecodable, breaks a business rule):
 * it goes to the dead-letter topic at once with its code and reason, and the consumer moves on.
 * Any other error is taken as transient and retried with backoff.
 *
 * It is an RpcException whose error is itself because Nest's default RPC exception filter replaces every other
 * error thrown by an @EventPattern handler with `{status: 'error', message: 'Internal server error'}`; the
 * consumer would then retry it as transient and lose its code.
 */
export class PermanentMessageError extends RpcException {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PermanentMessageError';
  }

  override getError(): object {
    return this;
  }
}
