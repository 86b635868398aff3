// The syntax tree of HCL expressions, as Terraform configurations write them. Every node keeps
// the span of source it was read from.
import type { Span } from './source.js';

export type Expression = Span &
  (
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
    | { kind: 'splat-item' }
  );

/** The references an expression makes, as root name and attribute path (var.x, module.m.out). */
export function references(expression: Expression): Array<{ path: string[]; node: Expression }> {
  const found: Array<{ path: string[]; node: Expression }> = [];
  const visit = (node: Expression, bound: ReadonlySet<string>): void => {
    switch (node.kind) {
      case 'variable':
      case 'attribute':
      case 'index': {
        // From the outermost step to the root: the static path is the root and the attribute
        // names up to the first index.
        const chain: Expression[] = [];
        let target: Expression = node;
        while (target.kind === 'attribute' || target.kind === 'index') {
          chain.unshift(target);
          target = target.target;
        }
        if (target.kind !== 'variable') visit(target, bound);
        const path = target.kind === 'variable' ? [target.name] : [];
        let static_ = path.length > 0;
        for (const step of chain) {
          if (step.kind === 'index') {
            visit(step.key, bound);
            static_ = false;
          } else if (step.kind === 'attribute' && static_) path.push(step.name);
        }
        if (target.kind === 'variable' && !bound.has(target.name)) found.push({ path, node });
        return;
      }
      case 'literal':
      case 'splat-item':
        return;
      case 'template':
        for (const part of node.parts) if (typeof part !== 'string') visit(part, bound);
        return;
      case 'splat':
        visit(node.target, bound);
        visit(node.each, bound);
        return;
      case 'call':
        for (const arg of node.args) visit(arg, bound);
        return;
      case 'tuple':
        for (const item of node.items) visit(item, bound);
        return;
      case 'object':
        for (const entry of node.entries) {
          visit(entry.key, bound);
          visit(entry.value, bound);
        }
        return;
      case 'unary':
        visit(node.operand, bound);
        return;
      case 'binary':
        visit(node.left, bound);
        visit(node.right, bound);
        return;
      case 'conditional':
        visit(node.condition, bound);
        visit(node.then, bound);
        visit(node.otherwise, bound);
        return;
      case 'for': {
        visit(node.collection, bound);
        const inner = new Set([...bound, node.valueName, ...(node.keyName ? [node.keyName] : [])]);
        if (node.keyExpression) visit(node.keyExpression, inner);
        visit(node.valueExpression, inner);
        if (node.condition) visit(node.condition, inner);
        return;
      }
    }
  };
  visit(expression, new Set());
  return found;
}
