/**
 * How the stores report an abandoned call: with the signal's own reason (the deadline's or the
 * interrupt's named error), never with whatever the layer underneath made of it (`AbortError`,
 * a destroyed socket, a closed file).
 */

/** The error to throw for `error`: the signal's reason once it aborted, else `error` itself. */
export function abandonedOr(error: unknown, signal: AbortSignal | undefined): unknown {
  return signal?.aborted ? signal.reason : error;
}

/** One signal that aborts when any of the given ones does (undefined when none is given). */
export function anySignal(...signals: (AbortSignal | undefined)[]): AbortSignal | undefined {
  const given = signals.filter((s): s is AbortSignal => s !== undefined);
  if (given.length <= 1) return given[0];
  return AbortSignal.any(given);
}
