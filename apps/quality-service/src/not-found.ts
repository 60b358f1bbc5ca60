import { NotFoundException } from '@nestjs/common';

/** 404 with the same body shape as every other refusal: {"error":"QUALITY.NOT_FOUND","code":…,"message":…}. */
export function notFound(message: string): NotFoundException {
  return new NotFoundException({ error: 'QUALITY.NOT_FOUND', code: 'QUALITY.NOT_FOUND', message });
}
