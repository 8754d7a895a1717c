#!/bin/bash
# `--events -` answers each line of a pipe as it arrives, not when the pipe
# closes: a line is written, its verdict read back while the pipe is still
# open (a `tail -f` of events), for test-pattern and for transform; and a
# pipe named as a file (`--events <(zcat events.gz)`) is read.
#   stream_pipe_test.sh PIPEC SOURCE_DIR
set -eu
pipec=$1
root=$2
samples=$root/samples/001-replication-trigger/fixed
event=$(head -1 "$root/tests/golden/test-pattern-stream/events.jsonl")

# Writes one line to the command's stdin, and expects `want` back within
# 20 seconds while its stdin stays open.
exchange() {
  local want=$1 got
  printf '%s\n' "$event" >&"${RUN[1]}"
  if ! IFS= read -r -t 20 got <&"${RUN[0]}"; then
    echo "stream: no answer to a line while the pipe stays open (wanted: $want)"
    exit 1
  fi
  if [ "$got" != "$want" ]; then
    echo "stream: got '$got', wanted '$want'"
    exit 1
  fi
}

finish() {
  exec {RUN[1]}>&-
  wait "$RUN_PID" || true
}

coproc RUN { "$pipec" test-pattern "$samples/put-rule.json" --events - 2>/dev/null; }
exchange "match: <stdin>:1"
exchange "match: <stdin>:2"
finish

coproc RUN { "$pipec" transform "$samples/put-targets.json" --with "$samples/put-rule.json" --events - 2>/dev/null; }
exchange '{"sourceRevisions": [{"actionName": "cross-account-sample-image-latest", "revisionType": "IMAGE_DIGEST", "revisionValue": "sha256:7f5b2640fe6fb4f46592dfd3410c4a79dac4f89e4782432e0378abcd1234abcd"}]}'
exchange '{"sourceRevisions": [{"actionName": "cross-account-sample-image-latest", "revisionType": "IMAGE_DIGEST", "revisionValue": "sha256:7f5b2640fe6fb4f46592dfd3410c4a79dac4f89e4782432e0378abcd1234abcd"}]}'
finish
# A pipe named as a file, as process substitution names one.
got=$("$pipec" test-pattern "$samples/put-rule.json" --events <(printf '%s\n%s\n' "$event" "$event") 2>&1) || {
  echo "stream: --events <(…) failed: $got"
  exit 1
}
if [ "$(printf '%s\n' "$got" | grep -c '^match: /dev/fd/[0-9]*:[12]$')" != 2 ]; then
  echo "stream: --events <(…) printed: $got"
  exit 1
fi
echo "stream: every line answered while the pipe stayed open, and a named pipe read"
