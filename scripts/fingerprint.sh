#!/usr/bin/env bash
# Reproducible fingerprint of final mode's outputs: runs `configreport final` over a fixed set of
# shards with a fixed clock and prints the sha256 of the workbook, the details CSV and the summary
# JSON. Run it before and after a change that must not change the report: equal hashes mean
# byte-identical outputs.
#
#   scripts/fingerprint.sh            # makes the shard set once (demo, seed 1) in ./out/fingerprint-shards
#   scripts/fingerprint.sh DIR        # uses the plans/ and batches/ of an earlier run in DIR
set -euo pipefail
cd "$(dirname "$0")/.."
group=fingerprint
shards=${1:-out/fingerprint-shards}
if [ ! -d "$shards/batches/$group" ]; then
  echo "making the shard set in $shards (demo, seed 1, group $group)" >&2
  node bin/configreport.js demo --out "$shards" --group-id "$group" --quiet > /dev/null
fi
# A fixed folder: the workbook's About sheet names the store it was written to.
work=${TMPDIR:-/tmp}/configreport-fingerprint
rm -rf "$work" && mkdir -p "$work"
trap 'rm -rf "$work"' EXIT
cp -r "$shards/plans" "$shards/batches" "$work/"
node --import ./scripts/fixedClock.mjs bin/configreport.js final --out "$work" --group-id "$group" --quiet > /dev/null
cd "$work/reports"
sha256sum -- *
