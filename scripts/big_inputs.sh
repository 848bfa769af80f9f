#!/bin/sh
# The big inputs of the bad-input table (docs/errors.md), for the performance issue: each is
# compared (old vs old with a small change, JSON to /dev/null) under /usr/bin/time -v, which
# reports the wall time, the CPU time (user + system) and the peak resident memory.
#
#   scripts/big_inputs.sh [BINARY]     (default: builds and uses target/release/claimdiff)
#
# Inputs, made in a temporary directory:
#   line50m    a 50 MiB line of "word " without punctuation; new = old + "tail"
#   million    1,000,000 one-word sentences "W0. W1. ..."; new = "Start. " + old
#   identical  100,000 times "The same sentence again. "; new = old + "One more at the end."
# The same inputs, checked for correctness rather than timed, are the #[ignore]d tests at the
# end of tests/it/cli_bad_input.rs.
set -eu
cd "$(dirname "$0")/.."
if [ $# -ge 1 ]; then
    bin=$1
else
    cargo build --release --quiet
    bin=${CARGO_TARGET_DIR:-target}/release/claimdiff
fi
if [ ! -x /usr/bin/time ]; then
    echo "scripts/big_inputs.sh: /usr/bin/time (GNU time) is needed for the peak memory" >&2
    exit 2
fi
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

python3 - "$dir" <<'PY'
import sys
d = sys.argv[1]
def write(name, old, new):
    with open(f"{d}/{name}.old", "w") as f: f.write(old)
    with open(f"{d}/{name}.new", "w") as f: f.write(new)
old = "word " * (10 * 1024 * 1024)
write("line50m", old, old + "tail")
old = "".join(f"W{i}. " for i in range(1_000_000))
write("million", old, "Start. " + old)
old = "The same sentence again. " * 100_000
write("identical", old, old + "One more at the end.")
PY

printf '%-10s %6s %10s %12s %12s\n' input exit wall_seconds cpu_seconds peak_rss_mb
for name in line50m million identical; do
    status=0
    /usr/bin/time -v -o "$dir/time" "$bin" --format json "$dir/$name.old" "$dir/$name.new" \
        > /dev/null || status=$?
    secs=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$dir/time" |
        awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
    cpu=$(sed -n 's/.*\(User\|System\) time (seconds): //p' "$dir/time" |
        awk '{ s += $1 } END { print s }')
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$dir/time")
    printf '%-10s %6s %10s %12s %12s\n' "$name" "$status" "$secs" "$cpu" "$((rss / 1024))"
done
