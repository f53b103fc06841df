#!/usr/bin/env bash
# Installs what tests/interop.rs and tests/signatures.rs need (Debian/Ubuntu, as root):
# munpack and mpack (mpack), ripmime, reformime and makemime (maildrop), openssl, and
# aiosmtpd and dkimpy for the system Python. Idempotent and quiet: does nothing when
# everything is there.
#
# Then: MAILMIME_INTEROP=1 cargo test --test interop
#       MAILMIME_INTEROP=1 cargo test --test signatures
#
# aiosmtpd and dkimpy come from Debian's python3-aiosmtpd and python3-dkim, which install
# for /usr/bin/python3; the tests run that interpreter (override with MAILMIME_PYTHON),
# whatever `python3` is on PATH.
set -euo pipefail

python="${MAILMIME_PYTHON:-/usr/bin/python3}"

have_all() {
    command -v munpack >/dev/null && command -v mpack >/dev/null &&
        command -v ripmime >/dev/null && command -v reformime >/dev/null &&
        command -v makemime >/dev/null && command -v openssl >/dev/null &&
        [ -x "$python" ] && "$python" -c 'import aiosmtpd, dkim' >/dev/null 2>&1
}

if ! have_all; then
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    export DEBIAN_FRONTEND=noninteractive
    # Quiet unless it fails (then apt's output is shown).
    if ! log=$($sudo apt-get update -qq 2>&1 &&
        $sudo apt-get install -y -qq --no-install-recommends \
            mpack ripmime maildrop openssl python3 python3-aiosmtpd python3-dkim 2>&1); then
        echo "$log" >&2
        echo "interop-setup: apt-get failed" >&2
        exit 1
    fi
fi

if ! have_all; then
    echo "interop-setup: still missing after apt-get install:" >&2
    for tool in munpack mpack ripmime reformime makemime openssl; do
        command -v "$tool" >/dev/null || echo "  $tool" >&2
    done
    for module in aiosmtpd dkim; do
        "$python" -c "import $module" >/dev/null 2>&1 || echo "  $module for $python" >&2
    done
    exit 1
fi
