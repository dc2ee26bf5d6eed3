/**
 * THE settings table: every setting of configreport, once — its environment variables, CLI flag,
 * config-file key, kind, schema, default, and where the value goes. The Lambda function, the CLI
 * and the CDK app all read it (`loadSettings`), so a setting is validated the same way everywhere.
 * docs/configuration.md documents it; docs/architecture.md shows how to add a row.
 */
import { COLLECT_ROWS } from './collectRows.js';
import { REPORT_ROWS } from './reportRows.js';
import { RUN_ROWS } from './runRows.js';

/** Every setting by name. Rows resolve in this order (a fallback may read earlier rows). */
export const SETTINGS = { ...RUN_ROWS, ...COLLECT_ROWS, ...REPORT_ROWS } as const;

/** Cross-setting rules: checked after every row resolved. Each returns a problem or nothing. */
export const CROSS_CHECKS: readonly {
  settings: readonly (keyof typeof SETTINGS)[];
  check: (values: Readonly<Record<string, unknown>>) => string | undefined;
}[] = [
  {
    settings: ['redBelow', 'yellowBelow'],
    check: (v) =>
      (v.redBelow as number) <= (v.yellowBelow as number)
        ? undefined
        : `the red threshold (${v.redBelow}) must not be above the yellow one (${v.yellowBelow})`,
  },
];
