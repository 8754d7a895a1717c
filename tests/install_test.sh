#!/usr/bin/env bash
# `cmake --install` puts pipec, its man page and its shell completions in
# place, and they work from there: the installed binary prints its version,
# man renders the page with every command in it, and each completion script
# parses in its shell (zsh and fish only where installed) and completes.
# Run by CTest as install.
#
#   tests/install_test.sh <build dir> <version>
set -euo pipefail

build=${1:?usage: tests/install_test.sh <build dir> <version>}
version=${2:?usage: tests/install_test.sh <build dir> <version>}
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
fail() {
  echo "install_test: $*" >&2
  exit 1
}

cmake --install "$build" --prefix "$prefix" >/dev/null
for file in bin/pipec share/man/man1/pipec.1 share/bash-completion/completions/pipec \
            share/zsh/vendor-completions/_pipec share/fish/vendor_completions.d/pipec.fish; do
  [ -s "$prefix/$file" ] || fail "cmake --install did not install $file"
done
pipec=$prefix/bin/pipec

printed=$("$pipec" --version)
[ "$printed" = "$version" ] || fail "installed pipec --version printed \"$printed\", expected \"$version\""

# The commands --help lists: the first word of each line of its Subcommands section.
commands=$("$pipec" --help | awk '/^[^ ]/ { inside = ($0 == "Subcommands:"); next } inside && /^  [^ ]/ { print $1 }')
[ -n "$commands" ] || fail "found no commands in pipec --help"

# The page as man shows it, and no complaint from groff on the way.
man_page=$prefix/share/man/man1/pipec.1
page=$(LC_ALL=C.UTF-8 MANWIDTH=80 man -P cat --no-hyphenation --no-justification -l "$man_page" 2>"$prefix/man.err" | col -b)
[ ! -s "$prefix/man.err" ] || fail "man -l $man_page complained: $(cat "$prefix/man.err")"
if command -v groff >/dev/null 2>&1; then
  warnings=$(LC_ALL=C.UTF-8 groff -man -Tutf8 -ww -z "$man_page" 2>&1)
  [ -z "$warnings" ] || fail "groff warns about $man_page: $warnings"
fi
for section in NAME SYNOPSIS DESCRIPTION OPTIONS COMMANDS "EXIT STATUS" "SEE ALSO"; do
  grep -qx "$section" <<<"$page" || fail "the man page has no $section section"
done
for command in $commands; do
  grep -Eq "^ +pipec $command\$" <<<"$page" || fail "the man page has no heading for pipec $command"
done

# bash: it parses, and completes commands, options, choices and files. Each
# completion is captured before grep reads it: `… | grep -q` under pipefail
# fails when grep exits before the writer is done (SIGPIPE).
completion=$prefix/share/bash-completion/completions/pipec
bash -n "$completion" || fail "bash -n $completion failed"
complete_bash() {  # the words typed, the last one being completed
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _pipec; printf "%s\n" "${COMPREPLY[@]}"' \
    complete "$completion" "$@"
}
[ "$(complete_bash pipec li)" = lint ] || fail "bash completes 'pipec li' as '$(complete_bash pipec li)', not lint"
grep -qx sarif <<<"$(complete_bash pipec lint --format '')" || fail "bash does not complete lint --format with sarif"
grep -qx -- --fail-on <<<"$(complete_bash pipec lint --fail-)" || fail "bash does not complete lint's --fail-on"
grep -qx "$prefix/bin" <<<"$(complete_bash pipec build -o "$prefix/b")" || fail "bash does not complete build -o with a folder"
grep -qx "$man_page" <<<"$(complete_bash pipec lint "$prefix/share/man/man1/pip")" || fail "bash does not complete lint's paths"

if command -v zsh >/dev/null 2>&1; then
  zsh -n "$prefix/share/zsh/vendor-completions/_pipec" || fail "zsh -n _pipec failed"
else
  echo "install_test: zsh is not installed: skipping zsh -n on the zsh completion"
fi
if command -v fish >/dev/null 2>&1; then
  fish_completion=$prefix/share/fish/vendor_completions.d/pipec.fish
  fish --no-execute "$fish_completion" || fail "fish -n pipec.fish failed"
  complete_fish() {  # the command line typed so far
    fish --no-config -c 'source $argv[1]; complete -C $argv[2]' "$fish_completion" "$1" | cut -f1
  }
  grep -qx sarif <<<"$(complete_fish "pipec lint --format ")" || fail "fish does not complete lint --format with sarif"
  grep -qx test-pattern <<<"$(complete_fish "pipec te")" || fail "fish does not complete 'pipec te' with test-pattern"
  grep -qx -- --fail-on <<<"$(complete_fish "pipec lint --fail")" || fail "fish does not complete lint's --fail-on"
else
  echo "install_test: fish is not installed: skipping fish -n on the fish completion"
fi

echo "install_test: pipec $version, its man page ($(wc -l <"$man_page") lines) and completions install and work"
