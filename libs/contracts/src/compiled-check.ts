import { ValidationArguments, ValidationTypes, ValidatorConstraintInterface, getMetadataStorage } from 'class-validator';

/** class-validator's ValidationMetadata (not exported from its index). */
type ValidationMetadata = ReturnType<ReturnType<typeof getMetadataStorage>['getTargetValidationMetadatas']>[number];

/** True when `event` passes every constraint of its class. */
export type CompiledCheck = (event: object) => boolean;

interface PropertyRule {
  readonly property: string;
  /** IsOptional / ValidateIf: all true, or the property is not validated. */
  readonly conditions: ((object: object, value: unknown) => boolean)[];
  readonly constraints: {
    readonly each: boolean;
    readonly validateIf?: (object: object, value: unknown) => boolean;
    readonly validators: ValidatorConstraintInterface[];
    /** Reused for every call (object and value set per call): validators read it, none keeps it. */
    readonly args: ValidationArguments;
  }[];
}

const compiled = new WeakMap<Function, CompiledCheck | null>();

/**
 * A validity check for `cls` compiled once from its class-validator metadata. It calls the very
 * constraint instances `validateSync` calls (IsString, Min, IsIn, …), with the same arguments, in the same
 * conditions (IsOptional, ValidateIf, `each`) — without validateSync's per-call metadata lookup, error
 * objects and messages, which were ~40 % of risk's allocations at 1,000 signals/s. `true` means
 * validateSync finds nothing; `false` leaves the verdict and the error text to validateSync. Null for a
 * class it cannot mirror exactly: nested, async, IsDefined, whitelist or promise validation, or none.
 */
export function compiledCheckFor(cls: Function): CompiledCheck | null {
  if (!compiled.has(cls)) compiled.set(cls, compile(cls));
  return compiled.get(cls) ?? null;
}

function compile(cls: Function): CompiledCheck | null {
  const storage = getMetadataStorage();
  // the arguments validateSync(object) uses: no schema, no groups, not strict
  const metadatas = storage.getTargetValidationMetadatas(cls, '', false, false);
  if (metadatas.length === 0) return null;
  const rules: PropertyRule[] = [];
  for (const [property, list] of Object.entries(storage.groupByPropertyName(metadatas))) {
    const rule: PropertyRule = { property, conditions: [], constraints: [] };
    for (const m of list) {
      if (m.type === ValidationTypes.CONDITIONAL_VALIDATION) rule.conditions.push(m.constraints[0] as PropertyRule['conditions'][number]);
      else if (m.type === ValidationTypes.CUSTOM_VALIDATION) {
        const constraint = customConstraint(cls, m);
        if (!constraint) return null;
        rule.constraints.push(constraint);
      } else return null;
    }
    rules.push(rule);
  }
  return (event) => {
    for (const rule of rules) if (!passes(event, rule)) return false;
    return true;
  };
}

function customConstraint(cls: Function, m: ValidationMetadata): PropertyRule['constraints'][number] | null {
  const metas = getMetadataStorage().getTargetValidatorConstraints(m.constraintCls);
  if (metas.length === 0 || metas.some((c) => c.async)) return null;
  return {
    each: m.each, validateIf: m.validateIf, validators: metas.map((c) => c.instance),
    args: { targetName: cls.name, property: m.propertyName, constraints: m.constraints, object: {}, value: undefined },
  };
}

function passes(event: object, rule: PropertyRule): boolean {
  const value = (event as Record<string, unknown>)[rule.property];
  for (const condition of rule.conditions) if (!condition(event, value)) return true;
  for (const c of rule.constraints) {
    if (c.validateIf && !c.validateIf(event, value)) continue;
    c.args.object = event;
    c.args.value = value;
    const items = c.each ? itemsOf(value) : null;
    for (const v of c.validators) {
      // a promise (an async validator registered as sync) is not an answer: validateSync decides
      if (items) {
        for (const item of items) if (v.validate(item, c.args) !== true) return false;
      } else if (v.validate(value, c.args) !== true) return false;
    }
  }
  return true;
}

/** What class-validator's `each` validates: the items of an array, a set or a map's values; null for anything else. */
function itemsOf(value: unknown): readonly unknown[] | null {
  if (Array.isArray(value)) return value;
  if (value instanceof Set) return [...value];
  if (value instanceof Map) return [...value.values()];
  return null;
}
