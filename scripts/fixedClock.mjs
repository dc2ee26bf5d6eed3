// Preload for reproducible report runs: every `new Date()` / `Date.now()` answers one fixed instant
// (FIXED_CLOCK, ISO-8601), so two final runs over the same shards can be compared byte for byte.
const fixed = Date.parse(process.env.FIXED_CLOCK ?? '2026-11-28T06:00:00.000Z');
const RealDate = Date;
class FixedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(fixed);
    else super(...args);
  }
  static now() {
    return fixed;
  }
}
globalThis.Date = FixedDate;
