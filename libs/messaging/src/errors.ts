/**
 * A message that can never be applied, however often it is retried (undecodable, breaks a business rule):
 * it goes to the dead-letter topic at once with its code and reason, and the consumer moves on.
 * Any other error is taken as transient and retried with backoff.
 */
export class PermanentMessageError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PermanentMessageError';
  }
}
