#!/usr/bin/env bash
# Reproducible fingerprint of final mode's outputs: runs `configreport final` over a fixed set of
# shards with a fixed clock and prints the sha256 of the workbook, the details CSV and the summary
# JSON. Run it before and after a change that must not change the report: equal hashes mean
# byte-identical outputs.
#
# It fingerprints the published set: the files the manifest (`ConfigRule_<Date>.manifest.json`, whose
# run id is random and so is not hashed) says this run published, after checking that each is
# byte-identical to its original in the run folder.
#
#   scripts/fingerprint.sh            # makes the shard set once (demo, seed 1) in ./out/fingerprint-shards
#   scripts/fingerprint.sh DIR        # uses the plans/ and batches/ of an earlier run in DIR
#   scripts/fingerprint.sh DIR GROUP  # … of group GROUP (default fingerprint; a YYYY-MM-DD group
#                                     # publishes at the seed's keys, any other under reports/groups/)
set -euo pipefail
cd "$(dirname "$0")/.."
group=${2:-fingerprint}
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
if [[ $group =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]]; then folder=reports; else folder=reports/groups/$group; fi
manifests=("$work/$folder"/ConfigRule_*.manifest.json)
[ "${#manifests[@]}" -eq 1 ] || { echo "expected one manifest in $folder, found ${#manifests[@]}" >&2; exit 1; }
# "run published" pairs from the manifest: every published file must equal the run folder's original.
node -e '
  const m = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
  for (const f of ["xlsx", "details_csv_gz", "summary_json"]) console.log(m.run[f], m.published[f]);
' "${manifests[0]}" | while read -r original published; do
  cmp -s "$work/$original" "$work/$published" || { echo "$published differs from $original" >&2; exit 1; }
done
cd "$work/$folder"
sha256sum -- ConfigRule_*.details.csv.gz ConfigRule_*.summary.json ConfigRule_*.xlsx
