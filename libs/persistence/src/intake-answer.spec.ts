import { HttpException } from '@nestjs/common';
import { DOCUMENT_STATUS_BY_CODE, answerOrRefuse, intakeStatusOf, rawBodyOf } from './intake-answer';

const refused = (code: string) => ({ status: 'rejected' as const, documentId: '7', code, message: `bad: ${code}`, deadLetterId: 'dl-1' });

describe('intake answers over HTTP', () => {
  it('takes the body only as the raw bytes express.raw leaves', () => {
    expect(rawBodyOf({ body: Buffer.from('<x/>') }).toString()).toBe('<x/>');
    expect(rawBodyOf({ body: { parsed: true } })).toEqual(Buffer.alloc(0));
    expect(rawBodyOf({})).toEqual(Buffer.alloc(0));
  });

  it('answers 202 for taken and duplicate documents, the status by code for refusals, else 422', () => {
    expect(intakeStatusOf({ status: 'accepted' }, DOCUMENT_STATUS_BY_CODE)).toBe(202);
    expect(intakeStatusOf({ status: 'duplicate' }, DOCUMENT_STATUS_BY_CODE)).toBe(202);
    expect(intakeStatusOf(refused('JSON.TOO_LARGE'), DOCUMENT_STATUS_BY_CODE)).toBe(413);
    expect(intakeStatusOf(refused('XML.DOCTYPE_FORBIDDEN'), DOCUMENT_STATUS_BY_CODE)).toBe(400);
    expect(intakeStatusOf(refused('SCAN.UNKNOWN_GTIN'), DOCUMENT_STATUS_BY_CODE)).toBe(422);
    expect(intakeStatusOf(refused('ASN.TOO_LARGE'), { 'ASN.TOO_LARGE': 413 })).toBe(413);
  });

  it('returns an accepted result as it is and throws a refusal with its code, raw copy and dead letter', () => {
    const accepted = { status: 'accepted', documentId: '8', movements: 2 };
    expect(answerOrRefuse(accepted, DOCUMENT_STATUS_BY_CODE)).toBe(accepted);
    let thrown: unknown;
    try {
      answerOrRefuse(refused('JSON.MALFORMED'), DOCUMENT_STATUS_BY_CODE);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(HttpException);
    expect((thrown as HttpException).getStatus()).toBe(400);
    expect((thrown as HttpException).getResponse()).toEqual({ error: 'JSON.MALFORMED', ...refused('JSON.MALFORMED') });
  });
});
