#!/usr/bin/env bash
# Makes the JRE base image for building Scimitar's images on a machine that cannot pull from a registry: a Debian 12
# root file system from Debian's packages (debootstrap) with OpenJDK 17's headless JRE and a non-root user (uid 185),
# saved as a Docker archive that Jib reads as tar://<file>. Cached: made only when the archive is missing.
# Prints the archive's path. Needs root, debootstrap and podman. Usage: base-image.sh [--rebuild]
set -euo pipefail

cache="${SCIMITAR_CACHE:-$HOME/.cache/scimitar}"
archive="$cache/base-jre17-debian12.tar"
image="localhost/scimitar/base-jre:17-debian12"
mirror="${SCIMITAR_DEBIAN_MIRROR:-http://deb.debian.org/debian}"

if [[ "${1:-}" == "--rebuild" ]]; then
  rm -f "$archive"
fi
if [[ -s "$archive" ]]; then
  echo "$archive"
  exit 0
fi
for tool in debootstrap podman; do
  command -v "$tool" >/dev/null || { echo "base-image.sh: $tool is missing (apt-get install -y $tool)" >&2; exit 1; }
done

mkdir -p "$cache"
work="$(mktemp -d "$cache/base-image.XXXXXX")"
rootfs="$work/rootfs"
cleanup() {
  mountpoint -q "$rootfs/proc" && umount "$rootfs/proc"
  rm -rf "$work"
}
trap cleanup EXIT

echo "base-image.sh: debootstrap bookworm into $rootfs" >&2
debootstrap --variant=minbase bookworm "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 \
  || { tail -20 "$work/debootstrap.log" >&2; exit 1; }

echo "base-image.sh: installing openjdk-17-jre-headless" >&2
mount -t proc proc "$rootfs/proc"
chroot "$rootfs" /bin/sh -c '
  set -e
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q
  apt-get install -y -q --no-install-recommends openjdk-17-jre-headless ca-certificates
  groupadd --gid 185 scimitar
  useradd --uid 185 --gid 185 --home-dir /home/jboss --create-home --shell /usr/sbin/nologin scimitar
  apt-get clean
  rm -rf /var/lib/apt/lists/* /usr/share/doc/* /usr/share/man/* /var/cache/debconf/*-old /var/log/*.log
' >"$work/jre.log" 2>&1 || { tail -20 "$work/jre.log" >&2; exit 1; }
umount "$rootfs/proc"

java_home="$(chroot "$rootfs" /bin/sh -c 'dirname "$(dirname "$(readlink -f /usr/bin/java)")"')"
echo "base-image.sh: importing and saving as $archive" >&2
tar -C "$rootfs" --numeric-owner -c . | podman import --quiet \
  --change "USER 185" \
  --change "WORKDIR /home/jboss" \
  --change "ENV JAVA_HOME=$java_home" \
  --change "ENV LANG=C.UTF-8" \
  --change "LABEL org.opencontainers.image.description=Debian 12 with OpenJDK 17 JRE (headless), made by deploy/container/base-image.sh" \
  - "$image" >/dev/null
podman save --quiet --format docker-archive -o "$archive.partial" "$image" >/dev/null
mv "$archive.partial" "$archive"
echo "$archive"
