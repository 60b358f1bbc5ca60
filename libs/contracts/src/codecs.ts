import { Type } from 'avsc';
import { AVRO_SCHEMAS, ContractTypes } from './__generated__/contracts';
import { LOGICAL_TYPES } from './logical-types';

export type ContractName = keyof ContractTypes;

/** avsc options every codec uses; a fresh object each time, because avsc keeps its named types in it. */
export function avroOptions(): { logicalTypes: typeof LOGICAL_TYPES } {
  return { logicalTypes: LOGICAL_TYPES };
}

const typeCache = new Map<ContractName, Type>();

/** The avsc Type of a contract, with the domain's logical types. */
export function avroTypeOf(name: ContractName): Type {
  let type = typeCache.get(name);
  if (!type) {
    type = Type.forSchema(AVRO_SCHEMAS[name] as never, avroOptions());
    typeCache.set(name, type);
  }
  return type;
}

/** Every path at which a value does not fit its contract, e.g. ["quantity"], for a clear error. */
export function invalidPaths<N extends ContractName>(name: N, value: ContractTypes[N]): string[] {
  const paths: string[] = [];
  avroTypeOf(name).isValid(value, { errorHook: (path) => paths.push(path.join('.') || '(record)') });
  return paths;
}
