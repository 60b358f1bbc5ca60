import { SchemaRegistry, SchemaType, COMPATIBILITY } from '@kafkajs/confluent-schema-registry';
import { AVRO_SCHEMAS, avroOptions, ContractTypes, TopicContract, avroTypeOf, invalidPaths, valueSubject } from '@lotbridge/contracts';
import { Resolver, Type } from 'avsc';
import { PermanentMessageError } from './errors';

const MAGIC_BYTE = 0;

/**
 * Messages on Kafka use the Confluent wire format (magic byte 0, 4-byte schema id, Avro binary) so that any
 * tool that speaks to a Confluent-compatible registry reads them. Schemas are registered per topic under
 * "<topic>-value" with BACKWARD compatibility: the registry refuses a new version that cannot read old data.
 *
 * Decoding resolves the writer's schema (fetched by id) to this build's reader schema, so a consumer reads
 * records written by any earlier compatible version in the current shape.
 */
export class ContractRegistry {
  private readonly registry: SchemaRegistry;
  private readonly schemaIds = new Map<string, Promise<number>>();
  private readonly resolvers = new Map<string, Promise<Resolver>>();

  constructor(private readonly host: string = registryUrlFromEnv()) {
    this.registry = new SchemaRegistry({ host, retry: { retries: 5, initialRetryTimeInSecs: 0.1 } });
  }

  /** Registers the topic's contract (once per process) and returns its schema id. */
  schemaIdFor(topic: TopicContract): Promise<number> {
    let id = this.schemaIds.get(topic.name);
    if (!id) {
      id = this.registry
        .register(
          { type: SchemaType.AVRO, schema: JSON.stringify(AVRO_SCHEMAS[topic.contract]) },
          { subject: valueSubject(topic.name), compatibility: COMPATIBILITY.BACKWARD },
        )
        .then((registered) => registered.id);
      id.catch(() => this.schemaIds.delete(topic.name));
      this.schemaIds.set(topic.name, id);
    }
    return id;
  }

  async encode<T extends TopicContract>(topic: T, value: ContractTypes[T['contract']]): Promise<Buffer> {
    const paths = invalidPaths(topic.contract, value);
    if (paths.length > 0) throw new Error(`${topic.contract} for ${topic.name} is invalid at: ${paths.join(', ')}`);
    return this.frame(await this.schemaIdFor(topic), avroTypeOf(topic.contract).toBuffer(value));
  }

  /** Prefixes Avro binary already encoded with the topic's current contract (as an outbox stores it). */
  frame(schemaId: number, avroBinary: Buffer): Buffer {
    const header = Buffer.alloc(5);
    header.writeUInt8(MAGIC_BYTE, 0);
    header.writeInt32BE(schemaId, 1);
    return Buffer.concat([header, avroBinary]);
  }

  /** Decodes a wire-format value into the topic's contract; anything that is not one is a permanent error. */
  async decode<T extends TopicContract>(topic: T, buffer: Buffer | null): Promise<ContractTypes[T['contract']]> {
    if (!buffer || buffer.length < 5 || buffer.readUInt8(0) !== MAGIC_BYTE) {
      throw new PermanentMessageError('MESSAGING.UNDECODABLE', `value on ${topic.name} is not in the Confluent wire format (magic byte 0 + schema id)`);
    }
    const writerId = buffer.readInt32BE(1);
    const reader = avroTypeOf(topic.contract);
    let resolver: Resolver;
    try {
      resolver = await this.resolverFor(writerId, reader, topic.contract);
    } catch (error) {
      throw new PermanentMessageError('MESSAGING.UNDECODABLE', `schema id ${writerId} on ${topic.name} cannot be read as ${topic.contract}: ${(error as Error).message}`);
    }
    try {
      return reader.fromBuffer(buffer.subarray(5), resolver) as ContractTypes[T['contract']];
    } catch (error) {
      throw new PermanentMessageError('MESSAGING.UNDECODABLE', `value on ${topic.name} is not a valid ${topic.contract} (schema id ${writerId}): ${(error as Error).message}`);
    }
  }

  private resolverFor(writerId: number, reader: Type, contract: string): Promise<Resolver> {
    const cacheKey = `${writerId}:${contract}`;
    let resolver = this.resolvers.get(cacheKey);
    if (!resolver) {
      // The client's parsed schemas lack our logical types, so the writer's schema text is fetched and parsed here.
      resolver = this.writerSchema(writerId).then((writer) => reader.createResolver(Type.forSchema(writer as never, avroOptions())));
      resolver.catch(() => this.resolvers.delete(cacheKey));
      this.resolvers.set(cacheKey, resolver);
    }
    return resolver;
  }

  private async writerSchema(id: number): Promise<object> {
    const response = await fetch(`${this.host}/schemas/ids/${id}`);
    if (!response.ok) throw new Error(`the registry answered ${response.status} for schema id ${id}`);
    const { schema } = (await response.json()) as { schema: string };
    return JSON.parse(schema) as object;
  }
}

export function registryUrlFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  const url = env['SCHEMA_REGISTRY_URL'];
  if (!url) throw new Error('SCHEMA_REGISTRY_URL is not set (e.g. http://127.0.0.1:18081/apis/ccompat/v7); `npm run infra:up` writes it to .run/env');
  return url;
}
