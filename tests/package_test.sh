#!/usr/bin/env bash
# `cpack -G DEB` makes a .deb named pipec, with a maintainer, a description,
# the shared libraries it loads as dependencies, and the files `cmake
# --install` puts in place, under /usr. Run by CTest as package-deb; skipped
# (77) where dpkg-deb is missing.
#
#   tests/package_test.sh <build dir>
set -euo pipefail

build=${1:?usage: tests/package_test.sh <build dir>}
command -v dpkg-deb >/dev/null 2>&1 || { echo "package_test: dpkg-deb is not installed: skipping"; exit 77; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
fail() {
  echo "package_test: $*" >&2
  exit 1
}

cpack -G DEB --config "$build/CPackConfig.cmake" -B "$out" >"$out/cpack.log" 2>&1 || fail "cpack failed: $(cat "$out/cpack.log")"
deb=$(find "$out" -maxdepth 1 -name 'pipec_*.deb')
[ -n "$deb" ] || fail "cpack made no pipec_*.deb: $(ls "$out")"

field() { dpkg-deb -f "$deb" "$1"; }
[ "$(field Package)" = pipec ] || fail "Package is \"$(field Package)\", not pipec"
[ -n "$(field Maintainer)" ] || fail "no Maintainer"
[ -n "$(field Description)" ] || fail "no Description"
depends=$(field Depends)
# Each shared library the binary loads is named, by its package: all of them
# in a default build, libc alone in a PIPEC_STATIC one.
for soname in $(readelf -d "$build/pipec" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p'); do
  case "$soname" in
    libc.so.* | libm.so.* | ld-linux*) library=libc6 ;;
    libstdc++.so.*) library=libstdc++6 ;;
    libgcc_s.so.*) library=libgcc-s1 ;;
    libfmt.so.*) library=libfmt ;;
    libyaml-cpp.so.*) library=libyaml-cpp ;;
    libtree-sitter.so.*) library=libtree-sitter ;;
    libasan.so.* | libubsan.so.*) continue ;;  # a sanitized build: a test build, not one anyone installs
    *) fail "pipec loads $soname, which this test does not know" ;;
  esac
  grep -q "$library" <<<"$depends" || fail "Depends ($depends) does not name $library, for $soname"
done

contents=$(dpkg-deb -c "$deb" | awk '{ print $NF }')
for file in ./usr/bin/pipec ./usr/share/man/man1/pipec.1 ./usr/share/bash-completion/completions/pipec \
            ./usr/share/zsh/vendor-completions/_pipec ./usr/share/fish/vendor_completions.d/pipec.fish; do
  grep -qx "$file" <<<"$contents" || fail "$(basename "$deb") does not hold $file"
done
echo "package_test: $(basename "$deb"): Depends: $depends"
