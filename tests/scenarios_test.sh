#!/bin/sh
# Every .pipe file of samples/ with a generated/<name>/ folder beside it builds
# to exactly the files committed there (pipec build --check: a unified diff and
# a failure otherwise). The committed files are what CI judges independently
# (tests/check_generated.py) and what docs/dsl.md's figures count.
#   scenarios_test.sh PIPEC SOURCE_DIR
set -eu
pipec=$1
root=$2
status=0
count=0
for generated in "$root"/samples/*/generated/*/; do
  generated=${generated%/}
  name=$(basename "$generated")
  folder=$(dirname "$(dirname "$generated")")
  count=$((count + 1))
  if ! "$pipec" build --check -q --color never "$folder/$name.pipe" -o "$generated"; then
    echo "scenarios: $folder/$name.pipe does not build to $generated (rebuild: pipec build $folder/$name.pipe -o $generated)"
    status=1
  fi
done
if [ "$count" -lt 8 ]; then
  echo "scenarios: found $count generated folders under samples/*/generated/, expected at least 8"
  exit 1
fi
echo "scenarios: $count built, $( [ $status -eq 0 ] && echo 'all up to date' || echo 'some differ')"
exit $status
