// The syntax tree of HCL expressions, as Terraform configurations write them.

export type Expression =
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'template'; parts: Array<string | Expression> }
  | { kind: 'variable'; name: string }
  | { kind: 'attribute'; target: Expression; name: string }
  | { kind: 'index'; target: Expression; key: Expression }
  | { kind: 'splat'; target: Expression; each: Expression }
  | { kind: 'call'; name: string; args: Expression[]; expandLast: boolean }
  | { kind: 'tuple'; items: Expression[] }
  | { kind: 'object'; entries: Array<{ key: Expression; value: Expression }> }
  | { kind: 'unary'; operator: '!' | '-'; operand: Expression }
  | { kind: 'binary'; operator: string; left: Expression; right: Expression }
  | { kind: 'conditional'; condition: Expression; then: Expression; otherwise: Expression }
  | {
      kind: 'for';
      keyName?: string;
      valueName: string;
      collection: Expression;
      keyExpression?: Expression;
      valueExpression: Expression;
      condition?: Expression;
      grouping: boolean;
      produces: 'tuple' | 'object';
    }
  /** The element placeholder inside a splat's `each`. */
  | { kind: 'splat-item' };

export class HclSyntaxError extends Error {
  override readonly name = 'HclSyntaxError';
}
