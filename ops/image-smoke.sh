#!/usr/bin/env bash
# Runs the OCI image built by Jib for real, without a container engine, and fails loudly on any mismatch:
#   1. unpacks the image tarball (OCI layout or `docker save` format), checks every blob against its digest and
#      every layer against its diff_id, and applies the layers in order to a root filesystem (whiteouts honoured);
#   2. checks the image configuration: Entrypoint, Env, WorkingDir, ExposedPorts, User;
#   3. starts the Entrypoint (+ Cmd) exactly as the configuration says — its Env, WorkingDir and User, PID 1 of its
#      own PID namespace, chrooted into that file system with /proc, /sys, /dev, /dev/shm, /etc/hosts and
#      /etc/resolv.conf as a container runtime provides them — in the host's network (like `--network host`);
#   4. waits for /actuator/health/readiness to be UP; checks the profile (prod) and, on a database without users,
#      goes through the first start (set-up code from the log, /setup creates the root region and the administrator,
#      who signs in and is sent to TOTP enrolment); checks /login (200, UTF-8, Chinese) and that the session
#      cookie is Secure; then stops it with SIGTERM and expects a graceful shutdown within 45 s.
#
#   YINFENG_DB_URL=jdbc:postgresql://127.0.0.1:5432/db YINFENG_DB_USER=... YINFENG_DB_PASSWORD=... \
#     [YINFENG_DB_OWNER_USER=... YINFENG_DB_OWNER_PASSWORD=...] \
#     ops/image-smoke.sh [--fresh] [IMAGE.tar]            default image: target/yinfeng-image.tar
#
# The prod profile refuses a database role that is a superuser or may change audit_log: give the schema's owner
# (who runs the migrations) as YINFENG_DB_OWNER_USER/_PASSWORD and the application's own role as YINFENG_DB_USER.
#
# The database is an external PostgreSQL on this host (prod, the real deployment); --fresh: it must be empty, so
# the application migrates it from nothing and the first start is gone through. YINFENG_TALENT_KEY and
# YINFENG_AUDIT_KEY default to random keys. The exposed port 8080 is used when free, otherwise another free port
# through PORT. Run as root.
set -euo pipefail

fresh=false
if [ "${1:-}" = "--fresh" ]; then fresh=true; shift; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "image-smoke: run as root (chroot, namespaces)" >&2
  exit 2
fi
cd "$(dirname "$0")/.."
image_tar="$(realpath "${1:-target/yinfeng-image.tar}")"
: "${YINFENG_DB_URL:?set YINFENG_DB_URL (and _USER, _PASSWORD) to an external PostgreSQL}"
: "${YINFENG_DB_USER:?}" "${YINFENG_DB_PASSWORD:?}"
talent_key="${YINFENG_TALENT_KEY:-$(head -c 32 /dev/urandom | base64)}"
audit_key="${YINFENG_AUDIT_KEY:-$(head -c 32 /dev/urandom | base64)}"
python=/usr/bin/python3

fail() { echo "image-smoke: FAILED: $*" >&2; exit 1; }

work="$(mktemp -d -t yinfeng-smoke.XXXXXX)"
root="$work/rootfs"
app_pid=""    # unshare, on the host
java_pid=""   # the application: PID 1 of its namespace, so killing it ends everything in there
cleanup() {
  if [ -n "$java_pid" ]; then kill -KILL "$java_pid" 2>/dev/null || true; fi
  if [ -n "$app_pid" ]; then
    kill -KILL "$app_pid" 2>/dev/null || true
    wait "$app_pid" 2>/dev/null || true
  fi
  # the mounts lived in the runner's namespace; never delete through one that is somehow left
  if grep -qF " $root/" /proc/self/mounts; then
    echo "image-smoke: mounts left under $root, not removing $work" >&2
  else
    rm -rf "$work"
  fi
}
trap cleanup EXIT

t0=$(date +%s)
echo "== unpacking $image_tar ($(du -h --apparent-size "$image_tar" | cut -f1))"
mkdir -p "$work/image" "$root"
tar -xf "$image_tar" -C "$work/image"

# 1 + 2: verify, apply the layers, check the configuration; writes the run plan for the runner
"$python" - "$work/image" "$root" "$work/plan.json" <<'PY' || fail "image content or configuration (see above)"
import gzip, hashlib, json, os, shutil, subprocess, sys

image, root, plan_path = sys.argv[1:]
problems = []

def blob(digest):
    algo, _, hexd = digest.partition(":")
    if algo != "sha256":
        sys.exit(f"unsupported digest {digest}")
    path = os.path.join(image, "blobs", "sha256", hexd)
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    if h.hexdigest() != hexd:
        sys.exit(f"blob {digest} does not match its content")
    return path

if os.path.exists(os.path.join(image, "index.json")):          # OCI image layout (Jib with <format>OCI)
    index = json.load(open(os.path.join(image, "index.json")))
    manifests = index.get("manifests", [])
    if len(manifests) != 1:
        sys.exit(f"index.json lists {len(manifests)} manifests, expected 1")
    print("   image:", manifests[0].get("annotations", {}).get("org.opencontainers.image.ref.name", "?"),
          manifests[0]["digest"])
    manifest = json.load(open(blob(manifests[0]["digest"])))
    config = json.load(open(blob(manifest["config"]["digest"])))
    layers = [(blob(l["digest"]), l["mediaType"]) for l in manifest["layers"]]
else:                                                             # docker save format (Jib with <format>Docker)
    entry = json.load(open(os.path.join(image, "manifest.json")))[0]
    print("   image:", entry.get("RepoTags"))
    config = json.load(open(os.path.join(image, entry["Config"])))
    layers = [(os.path.join(image, name), "gzip?" ) for name in entry["Layers"]]

diff_ids = config["rootfs"]["diff_ids"]
if len(diff_ids) != len(layers):
    sys.exit(f"{len(layers)} layers in the manifest, {len(diff_ids)} diff_ids in the configuration")
if (config.get("os"), config.get("architecture")) != ("linux", "amd64"):
    problems.append(f"platform {config.get('os')}/{config.get('architecture')}, expected linux/amd64")

unpacked = 0
for i, ((path, media_type), diff_id) in enumerate(zip(layers, diff_ids)):
    with open(path, "rb") as f:
        gzipped = f.read(2) == b"\x1f\x8b"
    if media_type.endswith("+zstd"):
        sys.exit(f"layer {i}: zstd layers are not supported here")
    layer_tar = os.path.join(image, f"layer-{i}.tar")
    h = hashlib.sha256()
    with (gzip.open(path) if gzipped else open(path, "rb")) as src, open(layer_tar, "wb") as dst:
        for chunk in iter(lambda: src.read(1 << 20), b""):
            h.update(chunk)
            dst.write(chunk)
    if "sha256:" + h.hexdigest() != diff_id:
        sys.exit(f"layer {i}: uncompressed content does not match diff_id {diff_id}")
    unpacked += os.path.getsize(layer_tar)
    names = subprocess.run(["tar", "--warning=no-unknown-keyword", "-tf", layer_tar], check=True, capture_output=True, text=True).stdout.splitlines()
    whiteouts = [n for n in names if os.path.basename(n.rstrip("/")).startswith(".wh.")]
    for w in whiteouts:            # a whiteout hides a path of the lower layers (OCI image spec, layer.md)
        parent, base = os.path.split(os.path.normpath("/" + w).lstrip("/"))
        target = os.path.join(root, parent)
        if base == ".wh..wh..opq":
            if os.path.isdir(target):
                for child in os.listdir(target):
                    p = os.path.join(target, child)
                    shutil.rmtree(p) if os.path.isdir(p) and not os.path.islink(p) else os.remove(p)
        else:
            p = os.path.join(target, base[len(".wh."):])
            if os.path.lexists(p):
                shutil.rmtree(p) if os.path.isdir(p) and not os.path.islink(p) else os.remove(p)
    subprocess.run(["tar", "--warning=no-unknown-keyword", "--numeric-owner", "--same-permissions", "--same-owner", "--xattrs",
                    "-xf", layer_tar, "-C", root], check=True)
    for w in whiteouts:
        p = os.path.join(root, os.path.normpath("/" + w).lstrip("/"))
        if os.path.lexists(p):
            os.remove(p)
    os.remove(layer_tar)
    print(f"   layer {i}: {os.path.getsize(path) / 1e6:.1f} MB {'gzip' if gzipped else 'tar'}, "
          f"{len(names)} entries, {len(whiteouts)} whiteouts, {diff_id[:19]}")

c = config.get("config", {})
entrypoint, cmd = c.get("Entrypoint") or [], c.get("Cmd") or []
env = dict(e.split("=", 1) for e in c.get("Env", []))
workdir = c.get("WorkingDir") or "/"
user = c.get("User") or "0"
ports = sorted((c.get("ExposedPorts") or {}).keys())
print("   Entrypoint:", entrypoint)
print("   Cmd:       ", cmd)
print("   Env:       ", c.get("Env"))
print("   WorkingDir:", workdir, " User:", user, " ExposedPorts:", ports)

# what the image must say
if not entrypoint or os.path.basename(entrypoint[0]) != "java":
    problems.append(f"Entrypoint does not start java: {entrypoint}")
if "cn.yinfeng.YinfengApplication" not in entrypoint:
    problems.append("Entrypoint does not name the main class cn.yinfeng.YinfengApplication")
if ports != ["8080/tcp"]:
    problems.append(f"ExposedPorts {ports}, expected ['8080/tcp']")
for key, value in {"TZ": "Asia/Shanghai", "YINFENG_DATA_DIR": "/var/lib/yinfeng/pg",
                   "YINFENG_FILES_DIR": "/var/lib/yinfeng/files"}.items():
    if env.get(key) != value:
        problems.append(f"Env {key}={env.get(key)!r}, expected {value!r}")
if "PATH" not in env:
    problems.append("Env has no PATH")

# resolve User as a runtime does: name or uid, optional :group, looked up in the image's /etc/passwd and /etc/group
def table(name):
    rows = {}
    path = os.path.join(root, "etc", name)
    if os.path.exists(path):
        for line in open(path):
            f = line.rstrip("\n").split(":")
            if len(f) >= 4:
                rows[f[0]] = f
    return rows
passwd, group = table("passwd"), table("group")
u, _, g = user.partition(":")
if u.isdigit():
    uid = int(u)
    row = next((r for r in passwd.values() if int(r[2]) == uid), None)
else:
    row = passwd.get(u) or sys.exit(f"User {u!r} is not in the image's /etc/passwd")
    uid = int(row[2])
gid = int(g) if g.isdigit() else int(group[g][2]) if g else int(row[3]) if row else 0
name = row[0] if row else None
groups = sorted({gid} | {int(r[2]) for r in group.values() if name and name in r[3].split(",")})
home = row[5] if row else "/"
if uid == 0:
    print("   WARNING: the image runs as root (no User in its configuration)")
for d in (workdir, env.get("YINFENG_FILES_DIR", ""), env.get("YINFENG_DATA_DIR", "")):
    p = os.path.join(root, d.lstrip("/"))
    if d and uid != 0 and not (os.path.isdir(p) and os.stat(p).st_uid == uid):
        problems.append(f"{d} is missing or not owned by the image's user {uid}")

java = subprocess.run(["sh", "-c", f"ls {root}/usr/lib/jvm/*/bin/java {root}/opt/java/openjdk/bin/java 2>/dev/null"],
                      capture_output=True, text=True).stdout.split()
if not java:
    problems.append("no Java runtime in the image")

if problems:
    for p in problems:
        print("   MISMATCH:", p, file=sys.stderr)
    sys.exit(1)
env.setdefault("HOME", home)        # what docker and podman add
env.setdefault("HOSTNAME", "yinfeng-smoke")
json.dump({"argv": entrypoint + cmd, "env": env, "workdir": workdir, "uid": uid, "gid": gid, "groups": groups,
           "compressed": sum(os.path.getsize(p) for p, _ in layers), "unpacked": unpacked}, open(plan_path, "w"))
PY
read -r compressed unpacked < <("$python" -c 'import json,sys; p=json.load(open(sys.argv[1])); print(p["compressed"], p["unpacked"])' "$work/plan.json")
echo "   layers: $((compressed / 1000000)) MB compressed, $((unpacked / 1000000)) MB unpacked; unpacked in $(( $(date +%s) - t0 )) s"

port=8080
if "$python" -c 'import socket; s=socket.socket(); s.bind(("0.0.0.0", 8080))' 2>/dev/null; then
  extra_env=()
else
  port=$("$python" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  extra_env=(PORT)
  echo "   port 8080 is taken on this host: PORT=$port"
fi
# the schema's owner for the migrations, when the deployment has one (docs/security/database.md)
if [ -n "${YINFENG_DB_OWNER_USER:-}" ]; then
  extra_env+=(YINFENG_DB_OWNER_USER YINFENG_DB_OWNER_PASSWORD)
fi

# 3: the runner, PID 1 of new mount, PID and IPC namespaces: mounts what a runtime mounts, then chroot, chdir,
# drop to the image's user and exec the Entrypoint with exactly the image's Env plus the deployment's variables
runner=$(cat <<'PY'
import ctypes, json, os, subprocess, sys
root, plan_path = sys.argv[1], sys.argv[2]
plan = json.load(open(plan_path))
env = dict(plan["env"])
for name in sys.argv[3:]:     # the deployment's variables, by name: secrets stay out of command lines
    env[name] = os.environ[name]
def mount(*args):
    subprocess.run(["mount", *args], check=True)
mount("-t", "proc", "-o", "nosuid,nodev,noexec", "proc", f"{root}/proc")
mount("--rbind", "/sys", f"{root}/sys")
mount("-o", "remount,bind,ro", f"{root}/sys")
mount("-t", "tmpfs", "-o", "nosuid,mode=755,size=65536k", "tmpfs", f"{root}/dev")
for dev in ("null", "zero", "full", "random", "urandom", "tty"):
    open(f"{root}/dev/{dev}", "w").close()
    mount("--bind", f"/dev/{dev}", f"{root}/dev/{dev}")
os.makedirs(f"{root}/dev/shm")
mount("-t", "tmpfs", "-o", "nosuid,nodev,noexec,size=65536k", "shm", f"{root}/dev/shm")
for link, target in (("fd", "/proc/self/fd"), ("stdin", "/proc/self/fd/0"), ("stdout", "/proc/self/fd/1"),
                     ("stderr", "/proc/self/fd/2")):
    os.symlink(target, f"{root}/dev/{link}")
for name, content in (("hosts", "127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost\n"),
                      ("resolv.conf", open("/etc/resolv.conf").read()), ("hostname", env["HOSTNAME"] + "\n")):
    path = f"{root}/etc/{name}"
    if not os.path.exists(path):
        open(path, "w").close()
    with open(os.path.join(os.path.dirname(plan_path), "etc-" + name), "w") as f:
        f.write(content)
    mount("--bind", f.name, path)
    os.remove(f.name)
os.chroot(root)
os.chdir(plan["workdir"])
os.setgroups(plan["groups"])
os.setgid(plan["gid"])
os.setuid(plan["uid"])
# a change of credentials clears the parent-death signal that unshare --kill-child set: set it again (SIGKILL)
ctypes.CDLL(None, use_errno=True).prctl(1, 9)    # PR_SET_PDEATHSIG
argv = plan["argv"]
os.execvpe(argv[0], argv, env)
PY
)
echo "== starting the Entrypoint (uid:gid $("$python" -c 'import json,sys; p=json.load(open(sys.argv[1])); print(p["uid"], p["gid"], sep=":")' "$work/plan.json"), port $port)"
log="$work/app.log"
t_start=$(date +%s.%N)
YINFENG_TALENT_KEY="$talent_key" YINFENG_AUDIT_KEY="$audit_key" PORT="$port" \
  unshare --mount --pid --ipc --fork --kill-child -- "$python" -c "$runner" "$root" "$work/plan.json" \
  YINFENG_DB_URL YINFENG_DB_USER YINFENG_DB_PASSWORD YINFENG_TALENT_KEY YINFENG_AUDIT_KEY "${extra_env[@]}" > "$log" 2>&1 &
app_pid=$!
show_log() { echo "---- application log (last 60 lines)"; tail -60 "$log"; echo "----"; }
for _ in $(seq 1 50); do
  java_pid=$(awk '{print $1}' "/proc/$app_pid/task/$app_pid/children" 2>/dev/null || true)
  [ -n "$java_pid" ] && break
  sleep 0.1
done
[ -n "$java_pid" ] || { show_log; fail "the runner did not start"; }

# 4: readiness, then the checks
base="http://127.0.0.1:$port"
ready=false
for _ in $(seq 1 360); do
  kill -0 "$app_pid" 2>/dev/null || { show_log; fail "the application exited before it was ready"; }
  if [ "$(curl -s -o "$work/ready.json" -w '%{http_code}' "$base/actuator/health/readiness" || true)" = 200 ] \
      && grep -q '"status":"UP"' "$work/ready.json"; then
    ready=true
    break
  fi
  sleep 0.5
done
[ "$ready" = true ] || { show_log; fail "not ready within 180 s"; }
t_ready=$(date +%s.%N)
echo "   ready in $("$python" -c "print(f'{$t_ready - $t_start:.1f}')") s: $(cat "$work/ready.json")"

check() { echo "   ok: $*"; }
[ "$(readlink "/proc/$java_pid/exe")" != "" ] || fail "cannot see the application process"
want_uid=$("$python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["uid"])' "$work/plan.json")
run_uid=$(awk '/^Uid:/ {print $2}' "/proc/$java_pid/status")
[ "$run_uid" = "$want_uid" ] || fail "runs as uid $run_uid, the image says $want_uid"
[ "$(readlink "/proc/$java_pid/root")" = "$root" ] || fail "the application is not in the image's root"
grep -qa 'cn.yinfeng.YinfengApplication' "/proc/$java_pid/cmdline" || fail "unexpected command line"
[ "$(awk '/^NSpid:/ {print $NF}' "/proc/$java_pid/status")" = 1 ] || fail "the application is not PID 1 of its namespace"
check "PID 1 of its namespace (host pid $java_pid) is java as uid $run_uid in the image's root"

grep -Eq '(default profile|profile is active): "prod"' "$log" || { show_log; fail "profile prod not active"; }
check "profile prod (chosen because a database is configured)"

# a browser's round trips by hand: the session cookie is Secure in prod, which curl would not send over http
sid=""
status=""
req() {   # req METHOD PATH [curl args...]: sets $status; body in $work/body, headers in $work/headers
  local method="$1" path="$2"; shift 2
  local cookie=()
  [ -z "$sid" ] || cookie=(-H "Cookie: JSESSIONID=$sid")
  status=$(curl -s -X "$method" -o "$work/body" -D "$work/headers" -w '%{http_code}' -H 'Accept-Language: zh-CN' \
    "${cookie[@]}" "$@" "$base$path")
  local set
  set=$(grep -i '^set-cookie: JSESSIONID=' "$work/headers" | tail -1 || true)
  if [ -n "$set" ]; then
    echo "$set" | grep -qi '; *secure' || fail "session cookie without Secure in prod: $set"
    sid=$(echo "$set" | sed -E 's/^[^=]*=([^;]*).*/\1/')
  fi
}
location() { grep -i '^location:' "$work/headers" | sed -E 's/^[^:]*: *//; s/\r$//; s|^https?://[^/]*||'; }
csrf() { grep -o 'name="_csrf" value="[^"]*"' "$work/body" | head -1 | sed -E 's/.*value="([^"]*)"/\1/'; }

if grep -q 'No user exists yet' "$log"; then
  # the first start of a real installation: the set-up code from the log, the root region, the first administrator
  code=$(grep -o 'one-time set-up code: [0-9a-f]*' "$log" | awk '{print $NF}')
  [ -n "$code" ] || fail "no set-up code in the log"
  req GET /login
  [ "$status" = 302 ] && [ "$(location)" = /setup ] || fail "/login with no user does not lead to /setup"
  req GET /setup
  [ "$status" = 200 ] || fail "/setup answered $status"
  token=$(csrf); [ -n "$token" ] || fail "no CSRF token on /setup"
  admin_password="Smoke-$(head -c 9 /dev/urandom | base64 | tr -d '+/=')-1a"
  req POST /setup --data-urlencode "_csrf=$token" --data-urlencode "setupCode=$code" \
    --data-urlencode regionCode=141100 --data-urlencode regionName=吕梁市 --data-urlencode username=admin \
    --data-urlencode displayName=管理员 --data-urlencode "password=$admin_password"
  [ "$status" = 302 ] && [ "$(location)" = /login ] || fail "set-up refused ($status): $(grep -o 'invalid-feedback[^<]*<[^<]*' "$work/body" | head -3)"
  check "first start: set-up code from the log, /setup created 141100 吕梁市 and the administrator"
  setup_done=true
else
  setup_done=false
fi
[ "$fresh" = false ] || [ "$setup_done" = true ] || fail "--fresh, but the application found users in the database"
if [ "$fresh" = true ]; then
  migrations=$(grep -Eo 'Successfully applied [0-9]+ migrations' "$log" | head -1)
  [ -n "$migrations" ] || fail "Flyway applied no migrations to a fresh database"
  check "fresh database: Flyway: $migrations"
fi

req GET /login
[ "$status" = 200 ] || fail "/login answered $status"
grep -qi '^content-type: text/html;charset=UTF-8' "$work/headers" || fail "/login content type: $(grep -i '^content-type' "$work/headers")"
grep -qF '<title>登录 - 引凤</title>' "$work/body" || fail "/login lacks its Chinese title"
grep -qF '账号登录' "$work/body" || fail "/login lacks its Chinese heading"
check "/login 200, UTF-8 HTML: <title>登录 - 引凤</title>, 账号登录"

if [ "$setup_done" = true ]; then
  token=$(csrf); [ -n "$token" ] || fail "no CSRF token on /login"
  req POST /login --data-urlencode "_csrf=$token" --data-urlencode username=admin \
    --data-urlencode "password=$admin_password"
  [ "$status" = 302 ] && [ "$(location)" = / ] || fail "sign-in as the new administrator: $status to $(location)"
  req GET /
  [ "$status" = 302 ] && [ "$(location)" = /account/totp ] || fail "prod must send an administrator without TOTP to /account/totp, got $status to $(location)"
  req GET /account/totp
  [ "$status" = 200 ] || fail "/account/totp did not answer 200"
  check "signed in as the administrator (Secure session cookie); prod requires TOTP enrolment first (/account/totp)"
fi
[ "$(curl -s -o /dev/null -w '%{http_code}' "$base/actuator/health/liveness")" = 200 ] || fail "liveness is not 200"
check "/actuator/health/liveness 200"

echo "== stopping (SIGTERM to the application)"
t_stop=$(date +%s)
kill -TERM "$java_pid"
for _ in $(seq 1 90); do
  kill -0 "$app_pid" 2>/dev/null || break
  sleep 0.5
done
if kill -0 "$app_pid" 2>/dev/null; then
  show_log
  fail "still running 45 s after SIGTERM"
fi
exit_status=0
wait "$app_pid" || exit_status=$?
app_pid=""
java_pid=""
grep -q 'Graceful shutdown complete' "$log" || { show_log; fail "no graceful shutdown in the log"; }
# the audit chain's head, signed, in the checkpoint file under the image's working directory and in the log
grep -q 'Audit checkpoint (shutdown): v1 ' "$log" || { show_log; fail "no audit checkpoint at shutdown in the log"; }
! grep -q 'Audit checkpoint .* could not be appended' "$log" || { show_log; fail "the audit checkpoint file is not writable"; }
check "audit checkpoint at shutdown written to the checkpoint file and the log"
case "$exit_status" in 0|143) ;; *) show_log; fail "exit status $exit_status after SIGTERM" ;; esac
check "graceful shutdown in $(( $(date +%s) - t_stop )) s, exit status $exit_status"
warnings=$(grep -cE '^[0-9T:.+-]+ +(WARN|ERROR) ' "$log" || true)
echo "   the application logged $warnings WARN/ERROR lines:"
grep -E '^[0-9T:.+-]+ +(WARN|ERROR) ' "$log" | sed -E 's/^[^ ]+ +//; s/ +--- \[yinfeng\] \[ *([^]]*)\] / [\1] /' | cut -c1-160 | sed 's/^/     /'
echo "== image smoke test passed: image $(du -h --apparent-size "$image_tar" | cut -f1) ($((compressed / 1000000)) MB of layers, $((unpacked / 1000000)) MB unpacked), ready in $("$python" -c "print(f'{$t_ready - $t_start:.1f}')") s, $(( $(date +%s) - t0 )) s in all"
