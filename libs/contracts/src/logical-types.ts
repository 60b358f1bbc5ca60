import { Schema, Type, types } from 'avsc';
import DecimalJs from 'decimal.js';

/** decimal.js rounds to 20 significant digits by default; a decimal(38, s) needs all 38. */
const Decimal = DecimalJs.clone({ precision: 64 });

/**
 * Avro logical types as the domain speaks them. avsc ships none of these, so they are defined here once and
 * every codec (local or through the schema registry) uses the same table.
 */

/** decimal(precision, scale) in bytes <-> exact decimal string. Two's complement, big-endian unscaled value. */
class DecimalType extends types.LogicalType {
  private readonly scale: number;
  private readonly precision: number;

  constructor(schema: Schema, opts?: object) {
    super(schema, opts);
    const { scale, precision } = schema as unknown as { scale?: number; precision: number };
    this.scale = scale ?? 0;
    this.precision = precision;
  }

  protected override _fromValue(bytes: Buffer): string {
    if (bytes.length === 0) return '0';
    let unscaled = BigInt(`0x${bytes.toString('hex')}`);
    if (bytes.readUInt8(0) & 0x80) unscaled -= 1n << BigInt(bytes.length * 8);
    return new Decimal(unscaled.toString()).dividedBy(new Decimal(10).pow(this.scale)).toFixed();
  }

  protected override _toValue(text: unknown): Buffer | undefined {
    if (typeof text !== 'string' || !/^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(text)) return undefined;
    const value = new Decimal(text);
    if (value.decimalPlaces() > this.scale || value.precision(true) > this.precision) return undefined;
    let unscaled = BigInt(value.times(new Decimal(10).pow(this.scale)).toFixed(0));
    const negative = unscaled < 0n;
    let length = 1;
    while (negative ? unscaled < -(1n << BigInt(length * 8 - 1)) : unscaled >= 1n << BigInt(length * 8 - 1)) length++;
    if (negative) unscaled += 1n << BigInt(length * 8);
    return Buffer.from(unscaled.toString(16).padStart(length * 2, '0'), 'hex');
  }

  /** The writer's values are already exact decimal strings; a reader with at least the writer's scale keeps them all. */
  protected override _resolve(type: Type): ((value: unknown) => unknown) | undefined {
    if (type instanceof DecimalType && type.scale <= this.scale) return (value) => value;
    return undefined;
  }

  /** Keeps precision and scale when the schema is exported (e.g. a writer schema fetched from the registry). */
  protected override _export(schema: Schema): void {
    Object.assign(schema, { precision: this.precision, scale: this.scale });
  }
}

const MILLIS_PER_DAY = 86_400_000;

/** date (days since 1970-01-01) <-> "YYYY-MM-DD": a date, not an instant. */
class DateType extends types.LogicalType {
  protected override _fromValue(days: number): string {
    return new Date(days * MILLIS_PER_DAY).toISOString().slice(0, 10);
  }

  protected override _toValue(text: unknown): number | undefined {
    if (typeof text !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
    const millis = Date.parse(`${text}T00:00:00Z`);
    if (Number.isNaN(millis) || new Date(millis).toISOString().slice(0, 10) !== text) return undefined;
    return millis / MILLIS_PER_DAY;
  }

  protected override _resolve(type: Type): ((value: unknown) => unknown) | undefined {
    return type instanceof DateType ? (value) => value : undefined;
  }
}

/** timestamp-millis <-> ISO-8601 UTC instant ("2024-03-19T06:14:11.000Z"). */
class TimestampMillisType extends types.LogicalType {
  protected override _fromValue(millis: number): string {
    return new Date(millis).toISOString();
  }

  protected override _toValue(text: unknown): number | undefined {
    if (typeof text !== 'string') return undefined;
    const millis = Date.parse(text);
    return Number.isNaN(millis) ? undefined : millis;
  }

  protected override _resolve(type: Type): ((value: unknown) => unknown) | undefined {
    return type instanceof TimestampMillisType ? (value) => value : undefined;
  }
}

export const LOGICAL_TYPES = {
  decimal: DecimalType,
  date: DateType,
  'timestamp-millis': TimestampMillisType,
} as const;
