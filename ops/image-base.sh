#!/usr/bin/env bash
# A base image for Jib made from Debian packages alone: no registry, no Docker daemon. debootstrap installs a
# minimal Debian bookworm with the OpenJDK 17 runtime (security updates applied), adds the unprivileged user
# yinfeng (uid and gid 10001) owning /var/lib/yinfeng, and packs the tree as one layer in a `docker save` tarball
# (manifest.json, config JSON, layer.tar): what Jib reads for -Djib.from.image=tar:///path/to/it.
#
#   ops/image-base.sh [OUTPUT.tar]          default: target/image-base/yinfeng-base.tar
#
# Run as root (debootstrap, chroot). Needs only the Debian mirror: MIRROR (default http://deb.debian.org/debian)
# and SECURITY_MIRROR (default http://deb.debian.org/debian-security). Nothing is cached between runs.
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then
  echo "image-base: run as root (debootstrap and chroot)" >&2
  exit 2
fi
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:-target/image-base/yinfeng-base.tar}")"
suite=bookworm
mirror="${MIRROR:-http://deb.debian.org/debian}"
security_mirror="${SECURITY_MIRROR:-http://deb.debian.org/debian-security}"
arch="$(dpkg --print-architecture)"
packages=openjdk-17-jre-headless,ca-certificates,tzdata,fonts-arphic-uming
uid=10001

command -v debootstrap >/dev/null || { apt-get update -qq && apt-get install -y -qq debootstrap >/dev/null; }

work="$(mktemp -d -t yinfeng-base.XXXXXX)"
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"

start=$(date +%s)
echo "== debootstrap $suite ($arch, minbase + $packages) from $mirror"
debootstrap --variant=minbase --arch="$arch" --include="$packages" "$suite" "$root" "$mirror" \
  > "$work/debootstrap.log" 2>&1 || { tail -40 "$work/debootstrap.log" >&2; exit 1; }

echo "== security and point-release updates, user yinfeng, clean-up"
cat > "$root/etc/apt/sources.list" <<EOF
deb $mirror $suite main
deb $mirror $suite-updates main
deb $security_mirror $suite-security main
EOF
cp /etc/resolv.conf "$root/etc/resolv.conf"
# a private mount namespace: /proc for the maintainer scripts disappears with it
unshare --mount --fork -- bash -euo pipefail -c '
  root="$1"; uid="$2"
  mount -t proc proc "$root/proc"
  chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive bash -euo pipefail -c "
    apt-get update -qq
    apt-get -y -qq -o Dpkg::Options::=--force-confold upgrade >/dev/null
    apt-get clean
    groupadd --system --gid $uid yinfeng
    useradd --system --uid $uid --gid $uid --home-dir /var/lib/yinfeng --shell /usr/sbin/nologin yinfeng
    install -d -o yinfeng -g yinfeng -m 0750 /var/lib/yinfeng /var/lib/yinfeng/pg /var/lib/yinfeng/files
  "
  chroot "$root" java -version 2> "$3"
' _ "$root" "$uid" "$work/java-version" > "$work/update.log" 2>&1 || { tail -40 "$work/update.log" >&2; exit 1; }
echo "   $(head -1 "$work/java-version")"
# what a container runtime provides, and what an image should not carry (never through a mount left behind)
if grep -qF " $root/" /proc/self/mounts; then
  echo "image-base: something is still mounted under $root" >&2
  exit 1
fi
rm -rf "$root"/var/lib/apt/lists/* "$root"/var/cache/apt/* "$root"/var/cache/debconf/*-old \
  "$root"/var/log/* "$root"/usr/share/man/* "$root"/usr/share/info/* \
  "$root"/dev/* "$root"/proc/* "$root"/sys/* "$root"/tmp/* "$root"/run/* "$root"/root/.bash_history
# of the documentation only the packages' copyright files stay (licences travel with the image)
find "$root/usr/share/doc" -type f ! -name copyright -delete
: > "$root/etc/resolv.conf"
: > "$root/etc/hostname"
echo "   rootfs: $(du -sh --apparent-size "$root" | cut -f1), $(( $(date +%s) - start )) s so far"

echo "== packing $out"
mkdir -p "$work/image" "$(dirname "$out")"
# entry names as `docker save` writes them: no leading ./ (Jib refuses a ./ entry in the outer tarball)
(cd "$root" && ls -A | tar --numeric-owner --xattrs --sort=name -cf "$work/image/layer.tar" -T -)
diff_id="sha256:$(sha256sum "$work/image/layer.tar" | cut -d' ' -f1)"
java_home="$(dirname "$(dirname "$(chroot "$root" readlink -f /usr/bin/java)")")"
python3 - "$work/image" "$diff_id" "$arch" "$uid" "$java_home" "$suite" "$packages" <<'PY'
import hashlib, json, sys, datetime
image_dir, diff_id, arch, uid, java_home, suite, packages = sys.argv[1:]
created = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
config = {
    "created": created,
    "architecture": arch,
    "os": "linux",
    "config": {
        "Env": [
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "LANG=C.UTF-8",
            "JAVA_HOME=" + java_home,
        ],
        # the image built on this base runs as yinfeng unless Jib's container.user says otherwise
        "User": f"{uid}:{uid}",
        "WorkingDir": "/var/lib/yinfeng",
        "Cmd": ["/bin/bash"],
    },
    "rootfs": {"type": "layers", "diff_ids": [diff_id]},
    "history": [{"created": created, "created_by": f"ops/image-base.sh: debootstrap --variant=minbase {suite} + {packages}"}],
}
data = json.dumps(config, indent=2).encode()
config_name = hashlib.sha256(data).hexdigest() + ".json"
open(f"{image_dir}/{config_name}", "wb").write(data)
manifest = [{"Config": config_name, "RepoTags": [f"yinfeng-base:{suite}"], "Layers": ["layer.tar"]}]
open(f"{image_dir}/manifest.json", "w").write(json.dumps(manifest, indent=2))
PY
(cd "$work/image" && tar -cf "$out.part" -- *)
mv "$out.part" "$out"
echo "   $out: $(du -h --apparent-size "$out" | cut -f1), layer $diff_id, JAVA_HOME $java_home"
echo "== base image done in $(( $(date +%s) - start )) s"
