import type { ErpIntakeResult } from './erp-intake.service';

/**
 * Answers in the shape each ERP's own caller expects. Both ERPs' APIs answer HTTP 200 and put the outcome in the
 * body, so their callers (Kingdee BOS plug-ins, U8 EAI/OpenAPI clients) look there; Lotbridge's own fields
 * (documentId, deadLetterId, movements) ride along.
 */

/** Kingdee WebAPI style: {"Result":{"ResponseStatus":{"IsSuccess","ErrorCode","MsgCode","Errors":[{FieldName,Message,DIndex}],…},"Id","Number"}}. */
export function kingdeeAnswer(result: ErpIntakeResult): Record<string, unknown> {
  if (result.status === 'rejected') {
    return {
      Result: {
        ResponseStatus: {
          IsSuccess: false,
          ErrorCode: 500,
          // MsgCode 11: validation failed (the bill itself is wrong; re-sending it unchanged will not help)
          MsgCode: 11,
          Errors: [{ FieldName: result.code, Message: `${result.code}: ${result.message}`, DIndex: 0 }],
          SuccessEntitys: [],
          SuccessMessages: [],
        },
      },
      Lotbridge: result,
    };
  }
  const { billNumber } = result;
  return {
    Result: {
      ResponseStatus: {
        IsSuccess: true,
        ErrorCode: 0,
        MsgCode: 0,
        Errors: [],
        SuccessEntitys: [{ Id: result.documentId, Number: billNumber, DIndex: 0 }],
        SuccessMessages: result.status === 'duplicate' ? [{ FieldName: '', Message: `duplicate of document ${result.duplicateOf ?? ''}: nothing applied again`, DIndex: 0 }] : [],
      },
      Id: result.documentId,
      Number: billNumber,
      NeedReturnData: [],
    },
    Lotbridge: result,
  };
}

/** Yonyou U8 OpenAPI style: {"errcode":"0","errmsg":"","id","tradeid"}; refusals carry a non-zero errcode (20001: add failed). */
export function yonyouAnswer(result: ErpIntakeResult): Record<string, unknown> {
  if (result.status === 'rejected') {
    return { errcode: '20001', errmsg: `${result.code}: ${result.message}`, ...result };
  }
  return { errcode: '0', errmsg: result.status === 'duplicate' ? `duplicate of document ${result.duplicateOf ?? ''}: nothing applied again` : '', id: result.documentId, tradeid: result.billNumber, ...result };
}
