import { Type } from 'avsc';

/**
 * Schema evolution rule: a reader with the current schema must read every record written with an earlier
 * version. Published versions are frozen in schemas/<domain>/history/<Record>.v<N>.avsc; the newest of them
 * is the current schema. Returns why the reader cannot read the writer's data, or undefined when it can.
 */
export function evolutionProblem(readerSchema: object, writerSchema: object, samples = 50): string | undefined {
  // Logical types are left out on purpose: resolution is decided by the underlying Avro types.
  const reader = Type.forSchema(readerSchema as never);
  const writer = Type.forSchema(writerSchema as never);
  let resolver;
  try {
    resolver = reader.createResolver(writer);
  } catch (error) {
    return (error as Error).message;
  }
  for (let i = 0; i < samples; i++) {
    const written = writer.random();
    try {
      reader.fromBuffer(writer.toBuffer(written), resolver);
    } catch (error) {
      return `a record written as ${JSON.stringify(writer.toString(written)).slice(0, 200)} cannot be read: ${(error as Error).message}`;
    }
  }
  return undefined;
}
