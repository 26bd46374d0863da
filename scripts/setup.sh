#!/bin/sh
# Install the Debian packages Amanatsu builds and tests with, if missing.
set -e
PKGS="cmake make gcc pkg-config libelf-dev libxxhash-dev libjansson-dev libcriterion-dev \
gcc-riscv64-linux-gnu gcc-riscv64-unknown-elf qemu-user gzip python3"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "installing:$missing"
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
