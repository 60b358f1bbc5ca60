import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { Response } from 'express';
import { QualityError, QualityErrorCode } from '@lotbridge/quality';

const HTTP_STATUS: Record<QualityErrorCode, number> = {
  'QUALITY.INVALID_REQUEST': 400,
  'QUALITY.UNKNOWN_CHARACTERISTIC': 422,
  'QUALITY.INVALID_TRANSITION': 409,
  'QUALITY.INSPECTION_INCOMPLETE': 409,
  'QUALITY.NONCONFORMING_RESULTS': 409,
  'QUALITY.DECISION_ALREADY_MADE': 409,
  'QUALITY.ALREADY_RELEASED': 409,
};

/** A refusal of the quality domain becomes a 4xx with its code: {"error":"QUALITY.INVALID_TRANSITION","code":…,"message":…}. */
@Catch(QualityError)
export class QualityErrorFilter implements ExceptionFilter {
  catch(error: QualityError, host: ArgumentsHost): void {
    host.switchToHttp().getResponse<Response>().status(HTTP_STATUS[error.code]).json({ error: error.code, code: error.code, message: error.message });
  }
}
