// What the Oracle found in each payload's evaluation (rule and finding ids, from its answers to
// the oracle scenario), so the dynamodb scenario can make exactly the reads the Oracle made for
// those evaluations. The first successful answer per payload is read; the rest are not parsed.

export interface Finding {
  ruleId: string;
  findingId: string;
}

export class EvaluationFindings {
  readonly #byPayload = new Map<number, Finding[]>();

  /** Reads the violations of an answer to payload `index` if none was read for it yet. */
  observe(index: number, answer: Uint8Array | undefined): void {
    if (this.#byPayload.has(index) || !answer || answer.length === 0) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder().decode(answer));
    } catch {
      return;
    }
    // Another function than the Oracle may answer anything; only its contract's shape is read.
    if (typeof parsed !== 'object' || parsed === null) return;
    const { statusCode, violations } = parsed as { statusCode?: unknown; violations?: unknown };
    if (statusCode !== 200 || !Array.isArray(violations)) return;
    const findings: Finding[] = [];
    for (const violation of violations as unknown[]) {
      if (typeof violation !== 'object' || violation === null) continue;
      const { ruleId, findingId } = violation as Record<string, unknown>;
      if (typeof ruleId === 'string' && typeof findingId === 'string') {
        findings.push({ ruleId, findingId });
      }
    }
    this.#byPayload.set(index, findings);
  }

  /** The payload indices whose evaluations had findings, in order. */
  payloadsWithFindings(): number[] {
    return [...this.#byPayload]
      .filter(([, findings]) => findings.length > 0)
      .map(([index]) => index)
      .sort((a, b) => a - b);
  }

  of(index: number): readonly Finding[] {
    return this.#byPayload.get(index) ?? [];
  }
}
