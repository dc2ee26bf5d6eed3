/** Settings for tests: the table's defaults under an environment, as the CLI would resolve them. */
import { type Env, loadSettings } from '../../src/app/settings/load.js';
import type { Settings } from '../../src/app/settings/types.js';

/** Every setting resolved from `env` (hub region `region` unless the environment names one). */
export function testSettings(env: Env = {}, region = 'us-east-1'): Settings {
  return loadSettings({ env: { AWS_REGION: region, ...env }, surface: 'cli' }).settings;
}
