import { HttpException } from '@nestjs/common';

/** Every refusal of the inventory API has the same shape: a stable code and a message naming what is wrong. */
export function httpError(status: number, code: string, message: string, detail: Record<string, unknown> = {}): HttpException {
  return new HttpException({ error: code, message, ...detail }, status);
}
