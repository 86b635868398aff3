import { describe, expect, it } from '@jest/globals';
import { Logger, type LogFields } from '../../src/observability/logger.js';

const NOW = 1795816800000;

function capture(base?: LogFields): { log: Logger; lines: () => Record<string, unknown>[] } {
  const written: string[] = [];
  const log = new Logger(
    (line) => written.push(line),
    () => NOW,
    base,
  );
  return { log, lines: () => written.map((line) => JSON.parse(line) as Record<string, unknown>) };
}

/** Fields as an untyped caller could pass them (a spread of `any`, a JavaScript caller). */
const untyped = (fields: Record<string, unknown>) => fields as unknown as LogFields;

describe('Logger', () => {
  it('writes time, level and message first, then the base fields and the line fields', () => {
    const { log, lines } = capture({ service: 'oracle' });

    log.child({ requestId: 'req-1' }).info('evaluated', { violations: 2 });

    expect(lines()).toEqual([
      {
        time: new Date(NOW).toISOString(),
        level: 'info',
        message: 'evaluated',
        service: 'oracle',
        requestId: 'req-1',
        violations: 2,
      },
    ]);
    expect(Object.keys(lines()[0] ?? {}).slice(0, 3)).toEqual(['time', 'level', 'message']);
  });

  it('keeps its reserved keys when a field, a base field or a child field is named like one', () => {
    const { log, lines } = capture(untyped({ level: 'debug' }));

    log
      .child(untyped({ time: 'yesterday' }))
      .error('rule threw', untyped({ message: 'planted', ruleId: 'MD-001' }));

    expect(lines()[0]).toEqual({
      time: new Date(NOW).toISOString(),
      level: 'error',
      message: 'rule threw',
      ruleId: 'MD-001',
    });
  });

  it('says once which fields it dropped, however often they come', () => {
    const { log, lines } = capture();

    log.info('first', untyped({ level: 'x' }));
    log.child({ requestId: 'r' }).info('second', untyped({ level: 'y', message: 'z' }));

    expect(lines().map((line) => [line.level, line.message, line.droppedKeys])).toEqual([
      ['info', 'first', undefined],
      ['warn', 'log fields named like reserved keys were dropped', 'level'],
      ['info', 'second', undefined],
      ['warn', 'log fields named like reserved keys were dropped', 'message'],
    ]);
  });
});
