import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { totalOf } from '@lotbridge/inventory';
import { Location, LocationKind, quantityProblem } from '@lotbridge/lot';
import { httpError } from '../http/http-error';
import { LotTransformationService, TransformationAnswer, TransformationCommand } from './lot-transformation.service';

const LOCATION_KINDS: readonly LocationKind[] = ['warehouse', 'supplier', 'customer', 'in-transit', 'production', 'scrap', 'inventory-loss'];
const INVALID = 'INVENTORY.INVALID_TRANSFORMATION';
type Json = Record<string, unknown>;

/**
 * POST /lots/split {"requestId","item","batchNumber","location":{"kind":"warehouse","code":"DE01/MAIN"},"parts":[{"quantity":"60"},{"quantity":"40","batchNumber":"…"}],"occurredAt"?,"numbering"?}
 * POST /lots/merge {"requestId","item","location","inputs":[{"batchNumber","quantity"}, …],"batchNumber"?,"occurredAt"?,"numbering"?}
 * 202 {"status":"accepted"|"duplicate","transformationId","outputs":[{"batchNumber","quantity","origin"}],"movements":[…]}
 */
@Controller('lots')
export class LotTransformationsController {
  constructor(private readonly transformations: LotTransformationService) {}

  @Post('split')
  @HttpCode(202)
  split(@Body() body: Json): Promise<TransformationAnswer> {
    const outputs = list(body?.['parts'], 'parts').map((part, index) => ({
      quantity: quantity(part['quantity'], `parts[${index}].quantity`),
      ...optionalBatch(part['batchNumber'], `parts[${index}].batchNumber`),
    }));
    return this.transformations.transform({
      ...common('split', body),
      inputs: [{ batchNumber: text(body['batchNumber'], 'batchNumber'), quantity: totalOf(outputs) }],
      outputs,
    });
  }

  @Post('merge')
  @HttpCode(202)
  merge(@Body() body: Json): Promise<TransformationAnswer> {
    const inputs = list(body?.['inputs'], 'inputs').map((input, index) => ({
      batchNumber: text(input['batchNumber'], `inputs[${index}].batchNumber`),
      quantity: quantity(input['quantity'], `inputs[${index}].quantity`),
    }));
    return this.transformations.transform({
      ...common('merge', body),
      inputs,
      outputs: [{ quantity: totalOf(inputs), ...optionalBatch(body['batchNumber'], 'batchNumber') }],
    });
  }
}

function common(kind: 'split' | 'merge', body: Json): Pick<TransformationCommand, 'kind' | 'requestId' | 'item' | 'location' | 'occurredAt' | 'numbering'> {
  if (typeof body !== 'object' || body === null) throw httpError(400, INVALID, 'the body must be a JSON object');
  const numbering = (body['numbering'] ?? {}) as Json;
  const field = (name: string) => (numbering[name] === undefined ? {} : { [name]: text(numbering[name], `numbering.${name}`) });
  return {
    kind,
    requestId: text(body['requestId'], 'requestId'),
    item: text(body['item'], 'item'),
    location: location(body['location']),
    occurredAt: body['occurredAt'] === undefined ? new Date().toISOString() : text(body['occurredAt'], 'occurredAt'),
    numbering: { ...field('plant'), ...field('line'), ...field('supplier'), ...field('model') },
  };
}

function location(value: unknown): Location {
  const candidate = (value ?? {}) as Json;
  const kind = LOCATION_KINDS.find((known) => known === candidate['kind']);
  if (!kind) throw httpError(400, INVALID, `location.kind must be one of ${LOCATION_KINDS.join(', ')}, not ${JSON.stringify(candidate['kind'])}`);
  const code = text(candidate['code'], 'location.code');
  return candidate['bin'] === undefined || candidate['bin'] === null ? { kind, code } : { kind, code, bin: text(candidate['bin'], 'location.bin') };
}

function list(value: unknown, field: string): Json[] {
  if (!Array.isArray(value) || value.some((entry) => typeof entry !== 'object' || entry === null)) throw httpError(400, INVALID, `${field} must be a list of objects`);
  return value as Json[];
}

function text(value: unknown, field: string): string {
  if (typeof value !== 'string') throw httpError(400, INVALID, `${field} must be a string, not ${JSON.stringify(value)}`);
  return value;
}

/** Quantities are exact decimal strings; a JSON number would already have been rounded by the parser. */
function quantity(value: unknown, field: string): string {
  const written = text(value, field);
  const problem = quantityProblem(written);
  if (problem) throw httpError(400, INVALID, `${field} ${JSON.stringify(written)} is ${problem.replace(/-/g, ' ')}`);
  return written;
}

function optionalBatch(value: unknown, field: string): { batchNumber?: string } {
  return value === undefined || value === null ? {} : { batchNumber: text(value, field) };
}
