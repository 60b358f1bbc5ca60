import { HttpException } from '@nestjs/common';

/** The request body exactly as received: the adapters mount express.raw on their intake routes, so anything else is no body. */
export function rawBodyOf(request: { body?: unknown }): Buffer {
  return Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
}

/**
 * HTTP statuses for the refusals of the shared document readers (libs/json-document, libs/xml-document): too large is
 * 413, unreadable 400. An adapter adds its own codes; any other refusal is 422 (read, but not acceptable).
 */
export const DOCUMENT_STATUS_BY_CODE: Readonly<Record<string, number>> = {
  'JSON.TOO_LARGE': 413,
  'JSON.MALFORMED': 400,
  'JSON.UNSUPPORTED_ENCODING': 400,
  'JSON.FORBIDDEN_KEY': 400,
  'JSON.NOT_AN_OBJECT': 400,
  'XML.TOO_LARGE': 413,
  'XML.MALFORMED': 400,
  'XML.UNSUPPORTED_ENCODING': 400,
  'XML.DOCTYPE_FORBIDDEN': 400,
};

/** The HTTP status of an intake's answer: 202 when taken (or a duplicate), else the refusal's status by its code, or 422. */
export function intakeStatusOf(result: { status: string; code?: string }, statusByCode: Readonly<Record<string, number>>): number {
  return result.status === 'rejected' ? (statusByCode[result.code ?? ''] ?? 422) : 202;
}

/**
 * An intake's answer as a JSON route returns it: a refused document becomes an HttpException whose body names the code
 * and carries the whole refusal (raw copy id, dead letter id, message); anything else is returned as it is.
 */
export function answerOrRefuse<Result extends { status: string; code?: string }>(result: Result, statusByCode: Readonly<Record<string, number>>): Result {
  if (result.status === 'rejected') throw new HttpException({ error: result.code, ...result }, intakeStatusOf(result, statusByCode));
  return result;
}
