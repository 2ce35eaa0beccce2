#!/usr/bin/env bash
# `make install` and `make uninstall`: strikemap as a tool on PATH, from any folder.
#
#   scripts/install.sh install   PREFIX BINARY [MANPAGE]
#   scripts/install.sh uninstall PREFIX
#
# Lays out (under $DESTDIR$PREFIX, DESTDIR for packaging):
#   bin/strikemap                                   the binary
#   share/strikemap/Geo, share/strikemap/Data       its data (found relative to the binary;
#                                                   STRIKEMAP_HOME still wins)
#   share/man/man1/strikemap.1                      the manual, from the commands' own help
#   share/bash-completion/completions/strikemap     completions, from the binary itself
#   share/zsh/site-functions/_strikemap
#   share/fish/vendor_completions.d/strikemap.fish
# Every file is written to a temporary name and moved into place, so an interrupted install
# leaves the earlier one whole.
set -euo pipefail
action=${1:?install or uninstall}
prefix=${2:?PREFIX}
root="${DESTDIR:-}$prefix"
here=$(cd "$(dirname "$0")/.." && pwd)
files=(bin/strikemap share/man/man1/strikemap.1 share/bash-completion/completions/strikemap
       share/zsh/site-functions/_strikemap share/fish/vendor_completions.d/strikemap.fish)

place() {  # place SOURCE TARGET MODE: copied beside the target, then renamed over it
  local target="$root/$2"
  install -d "$(dirname "$target")"
  install -m "$3" "$1" "$target.new.$$"
  mv -f "$target.new.$$" "$target"
}

case "$action" in
install)
  binary=${3:?BINARY}
  manpage=${4:-}
  [ -x "$binary" ] || { echo "install: no binary at $binary; run make release" >&2; exit 66; }
  [ -f "$here/Geo/basemap/world/basemap.json" ] || echo "install: the world basemap is not unpacked (make world-basemap); maps outside the Middle East will say so" >&2
  place "$binary" bin/strikemap 755
  # The data: a fresh copy beside the old, then swapped in by two renames.
  share="$root/share/strikemap"
  install -d "$root/share"
  rm -rf "$share.new"
  mkdir "$share.new"
  cp -R "$here/Geo" "$here/Data" "$share.new/"
  if [ -d "$share" ]; then mv "$share" "$share.old.$$"; fi
  mv "$share.new" "$share"
  rm -rf "$share.old.$$"
  tmp=$(mktemp -d)
  trap 'rm -rf "$tmp"' EXIT
  "$root/bin/strikemap" --generate-completion-script bash > "$tmp/bash"
  "$root/bin/strikemap" --generate-completion-script zsh > "$tmp/zsh"
  "$root/bin/strikemap" --generate-completion-script fish > "$tmp/fish"
  place "$tmp/bash" share/bash-completion/completions/strikemap 644
  place "$tmp/zsh" share/zsh/site-functions/_strikemap 644
  place "$tmp/fish" share/fish/vendor_completions.d/strikemap.fish 644
  if [ -n "$manpage" ]; then place "$manpage" share/man/man1/strikemap.1 644; fi
  echo "installed strikemap in $root/bin, its data in $share" >&2
  ;;
uninstall)
  for f in "${files[@]}"; do rm -f "$root/$f"; done
  rm -rf "$root/share/strikemap"
  echo "removed strikemap from $root" >&2
  ;;
*) echo "usage: $0 install PREFIX BINARY [MANPAGE] | uninstall PREFIX" >&2; exit 64 ;;
esac
