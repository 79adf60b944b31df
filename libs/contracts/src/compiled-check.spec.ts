import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validateSync } from 'class-validator';
import fc from 'fast-check';
import { EVENT_CLASSES, HeartbeatEvent, PortfolioRebalanceEvent, SignalGeneratedEvent, Subjects, parse } from './index';
import { compiledCheckFor } from './compiled-check';

type Cls = new () => object;
const CLASSES: Cls[] = [...new Set<Cls>([...Object.values(EVENT_CLASSES), HeartbeatEvent])];
const valid = (cls: Cls, plain: object) => validateSync(plainToInstance(cls, plain), { forbidUnknownValues: true }).length === 0;
const fast = (cls: Cls, plain: object) => compiledCheckFor(cls)!(Object.assign(new cls(), plain));
const propertiesOf = (cls: Cls) => [...new Set(getMetadataStorage().getTargetValidationMetadatas(cls, '', false, false).map((m) => m.propertyName))];

/** Values a field may carry on the wire: right and wrong types, edges of the usual ranges. */
const anyValue = fc.oneof(
  fc.constantFrom('', 'x', 'BUY', 'SELL', 'STRONG', 'Yes', '2026-11-30T12:00:00.000Z', '2026-11-30', 'not a date', '2026-13-45T99:00:00Z'),
  fc.constantFrom(0, 1, -1, 0.5, 1.0000001, -0.0000001, 2, 100, 1e9, 3.7),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 3 }), fc.string(), { maxKeys: 2 }),
);

const signal = (over: Record<string, unknown> = {}) => ({
  v: 1, id: 's1', ts: '2026-11-30T12:00:00.000Z', source: 'signals', marketId: 'm1', outcome: 'Yes', tokenId: 't1', side: 'BUY', price: 0.5,
  strength: 'STRONG', confidence: 0.7, size: 10, reasons: ['hype leads'], ...over,
});

describe('compiledCheckFor()', () => {
  it('should compile the flat contracts, and leave nested ones to validateSync', () => {
    expect(compiledCheckFor(SignalGeneratedEvent)).not.toBeNull();
    expect(compiledCheckFor(PortfolioRebalanceEvent)).toBeNull();
    expect(CLASSES.filter((c) => compiledCheckFor(c)).length).toBeGreaterThan(CLASSES.length / 2);
  });

  it('should agree with validateSync on signal.generated, field by field, valid or not', () => {
    const field = fc.constantFrom(...Object.keys(signal()), 'stake', 'sector');
    fc.assert(fc.property(fc.array(fc.tuple(field, fc.option(anyValue, { nil: undefined })), { maxLength: 4 }), (changes) => {
      const plain = signal(Object.fromEntries(changes));
      expect(fast(SignalGeneratedEvent, plain)).toBe(valid(SignalGeneratedEvent, plain));
    }), { numRuns: 3000 });
  });

  it('should never pass what validateSync rejects, for any compiled contract', () => {
    for (const cls of CLASSES.filter((c) => compiledCheckFor(c))) {
      const keys = propertiesOf(cls);
      fc.assert(fc.property(fc.record(Object.fromEntries(keys.map((k) => [k, anyValue])), { requiredKeys: [] }), (plain) => {
        if (fast(cls, plain)) expect(valid(cls, plain)).toBe(true);
      }), { numRuns: 300 });
    }
  });
});

describe('parse() through the compiled check', () => {
  it('should give the same event as the full path', () => {
    const plain = signal({ stake: 5, sector: 'politics' });
    const parsed = parse(Subjects.SignalGenerated, Buffer.from(JSON.stringify(plain)));
    expect(parsed.ok && parsed.event).toStrictEqual(plainToInstance(SignalGeneratedEvent, plain));
    expect(parsed.ok && parsed.event).toBeInstanceOf(SignalGeneratedEvent);
  });

  it('should still name every problem of an invalid event, and refuse an unsupported version', () => {
    const bad = parse(Subjects.SignalGenerated, JSON.stringify(signal({ price: 2, side: 'HOLD' })));
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.message).toMatch(/side: .*got "HOLD".*price: must not be greater than 1, got 2|price: must not be greater than 1, got 2.*side/);
    const v9 = parse(Subjects.SignalGenerated, JSON.stringify(signal({ v: 9 })));
    expect(!v9.ok && v9.error.message).toMatch(/v: unsupported version/);
  });
});
