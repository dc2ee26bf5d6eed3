/**
 * Progress for long work, always on stderr so stdout stays clean for results (`--json`):
 * a cli-progress bar on a terminal, a plain line every few seconds otherwise, nothing with
 * `--quiet`. Counts accounts done / total, throttles, rate and ETA.
 */
import cliProgress from 'cli-progress';
import type { TextSink } from './io.js';

/** How progress is shown. */
export type ProgressMode = 'bar' | 'lines' | 'off';

/** What commands report; absolute counters, so late or repeated calls are harmless. */
export interface Progress {
  /** Starts (or restarts) a phase with a known total of work items. */
  start(label: string, total: number): void;
  /** Raises the total (shards discover their account count as they start). */
  setTotal(total: number): void;
  increment(done?: number): void;
  throttled(count?: number): void;
  /** A message line that does not break the bar. */
  log(line: string): void;
  stop(): void;
}

/** Picks the mode: bar only on an interactive stderr. */
export function progressMode(stderr: TextSink, quiet: boolean): ProgressMode {
  if (quiet) return 'off';
  return stderr.isTTY ? 'bar' : 'lines';
}

/** Formats seconds as `1m05s` / `42s`. */
export function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '?';
  const s = Math.round(seconds);
  return s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
}

/** Options for tests: a fake clock and the minimum gap between plain lines. */
export interface ProgressOptions {
  now?: () => number;
  lineIntervalMs?: number;
}

/** Creates the progress reporter for a stream. */
export function createProgress(
  stream: TextSink,
  mode: ProgressMode,
  options: ProgressOptions = {},
): Progress {
  const now = options.now ?? Date.now;
  const interval = options.lineIntervalMs ?? 2000;
  let label = '';
  let total = 0;
  let done = 0;
  let throttles = 0;
  let startedAt = now();
  let lastLineAt = 0;
  let multibar: cliProgress.MultiBar | undefined;
  let bar: cliProgress.SingleBar | undefined;

  const rate = () => done / Math.max((now() - startedAt) / 1000, 0.001);
  const line = () => {
    const r = rate();
    const eta = done > 0 && total > done ? ` ETA ${formatDuration((total - done) / r)}` : '';
    const pct = total > 0 ? ` (${Math.floor((done / total) * 100)}%)` : '';
    return `${label}: ${done}/${total} accounts${pct}, ${r.toFixed(1)}/s, throttles ${throttles}${eta}\n`;
  };
  const render = (force = false) => {
    if (mode === 'bar') {
      bar?.setTotal(total);
      bar?.update(done, { throttles, rate: rate().toFixed(1) });
    } else if (mode === 'lines' && (force || now() - lastLineAt >= interval)) {
      lastLineAt = now();
      stream.write(line());
    }
  };

  return {
    start(newLabel, newTotal) {
      label = newLabel;
      total = newTotal;
      done = 0;
      throttles = 0;
      startedAt = now();
      if (mode === 'bar') {
        multibar ??= new cliProgress.MultiBar(
          {
            stream: stream as unknown as NodeJS.WritableStream,
            format: `${newLabel} |{bar}| {value}/{total} accounts | {rate}/s | throttles {throttles} | ETA {eta_formatted}`,
            hideCursor: true,
            clearOnComplete: false,
            etaBuffer: 20,
          },
          cliProgress.Presets.shades_classic,
        );
        bar = multibar.create(total, 0, { throttles: 0, rate: '0.0' });
      } else render(true);
    },
    setTotal(newTotal) {
      total = Math.max(total, newTotal);
      render();
    },
    increment(count = 1) {
      done += count;
      render(done === total);
    },
    throttled(count = 1) {
      throttles += count;
      render();
    },
    log(text) {
      const message = text.endsWith('\n') ? text : `${text}\n`;
      if (mode === 'bar' && multibar) multibar.log(message);
      else stream.write(message);
    },
    stop() {
      if (mode === 'bar') {
        multibar?.stop();
        multibar = undefined;
        bar = undefined;
      } else if (mode === 'lines' && label !== '' && lastLineAt !== 0 && done !== total) render(true);
    },
  };
}
