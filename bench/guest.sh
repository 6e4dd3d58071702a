#!/bin/sh
# Runs inside the guest (started by ../bench through tools/kernel-vm/run): every measurement of one
# kernel in one boot. Writes raw results to OUT; the host turns them into bench/results/<kernel>.md.
#
#   guest.sh OUT KCAPI_BENCH BENCH_DLL REPS OPS SIZES TUNE_OPS WARMUP_MS BATCH_MS BATCHES COUNT
set -u
out=$1 kcapi=$2 dll=$3 reps=$4 ops=$5 sizes=$6 tune_ops=$7 warmup=$8 batch=$9
shift 9
batches=$1 count=$2

# A 1 MiB AEAD message is one kernel request and must fit the socket buffers. Debian's 212992 bytes
# are too small: libkcapi then blocks forever, TypedAlg raises its own buffers up to wmem_max. Raising
# the defaults lets both libraries do it the same way.
for k in wmem_max rmem_max wmem_default rmem_default; do
  sysctl -q -w net.core.$k=8388608 || echo "guest.sh: cannot set net.core.$k" >&2
done
uname -r >"$out/kernel"
grep -m1 'model name' /proc/cpuinfo | sed 's/.*: //' >"$out/cpu"
: >"$out/raw.tsv"

# Timing: libkcapi and the managed runner alternate (and swap order every repetition) in this boot.
r=1
while [ "$r" -le "$reps" ]; do
  echo "  repetition $r/$reps" >&2
  if [ $((r % 2)) -eq 1 ]; then order="kcapi dotnet"; else order="dotnet kcapi"; fi
  for who in $order; do
    if [ "$who" = kcapi ]; then
      "$kcapi" time "$ops" "$sizes" "$warmup" "$batch" "$batches"
    else
      dotnet "$dll" time "$ops" "$sizes" "$warmup" "$batch" "$batches"
    fi | sed "s/^/$r\t/" >>"$out/raw.tsv"
  done
  r=$((r + 1))
done

# Runtime tuning variants (TypedAlg only): zero-copy mode, stream chunk size, socket reuse.
if [ -n "$tune_ops" ]; then
  echo "  tuning variants" >&2
  dotnet "$dll" time "$tune_ops" "$sizes" "$warmup" "$batch" "$batches" typedalg >"$out/tune.tsv"
fi

# System calls: a separate pass under strace (its overhead would distort the timings). Each cell runs
# COUNT operations between two marker writes; the host counts the calls of the marking thread between them.
# Every traced call stops the process twice, which costs milliseconds under emulation, so the count
# pass runs COUNT operations per cell below 8 KiB and one from 8 KiB up (the call count of one operation
# does not vary), and skips the DRBG above 8 KiB (128 bytes per recv in both libraries: 1 MiB is 8192 recvs).
echo "  counting system calls (strace)" >&2
strace -f -qq -s 80 -o "$out/strace-libkcapi.txt" "$kcapi" count "$ops" "$sizes" "$count" >/dev/null
strace -f -qq -s 80 -o "$out/strace-typedalg.txt" dotnet "$dll" count "$ops" "$sizes" "$count" >/dev/null
echo done >"$out/finished"
