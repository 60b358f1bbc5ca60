import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import { Response } from 'express';
import { RecallError } from '@lotbridge/recall';

/** Every refusal has the same body: {"error":"TRACE.UNKNOWN_LOT","code":"TRACE.UNKNOWN_LOT","message":"…"}. */
export function refusal(status: HttpStatus, code: string, message: string): HttpException {
  return new HttpException({ error: code, code, message }, status);
}

@Catch(RecallError)
export class RecallErrorFilter implements ExceptionFilter {
  catch(error: RecallError, host: ArgumentsHost): void {
    const status = error.code === 'RECALL.INVALID_REQUEST' ? 400 : 409;
    host.switchToHttp().getResponse<Response>().status(status).json({ error: error.code, code: error.code, message: error.message });
  }
}
