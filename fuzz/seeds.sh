#!/usr/bin/env bash
# Writes the seed inputs of one fuzz target into a folder, from tests/fixtures and the
# third-party corpora ($MAILMIME_CORPORA, default ../shared/corpora beside the repo; left
# out when missing). Nothing is written into the repository.
#
#   fuzz/seeds.sh TARGET DIR
#
# Targets that read whole messages get every single message: the corpora's `eml` files
# (MANIFEST.tsv) and tests/fixtures/**/*.eml; `mbox` also gets the corpora's mbox files.
# Targets that read one header value get the unfolded values of the fields they read,
# found at the start of any line of those messages (nested parts included): dates for
# `date`, address fields for `address`, Content-Type and Content-Disposition for `params`
# and `rfc2231`, values with an encoded word (and every Subject) for `encoded_word`.
set -euo pipefail

if [ $# -ne 2 ]; then
    echo "usage: $0 TARGET DIR" >&2
    exit 2
fi
cd "$(dirname "$0")/.."
root=$(pwd)
target=$1
out=$2
corpora="${MAILMIME_CORPORA:-$root/../shared/corpora}"
mkdir -p "$out"

# The files of the corpora's manifest of kind $1, one path a line.
manifest() {
    [ -f "$corpora/MANIFEST.tsv" ] || return 0
    while IFS=$'\t' read -r path kind _; do
        if [ "$kind" = "$1" ]; then
            printf '%s\n' "$corpora/$path"
        fi
    done < <(tail -n +2 "$corpora/MANIFEST.tsv")
}

mapfile -t messages < <(manifest eml; find "$root/tests/fixtures" -name '*.eml' -type f | sort)

# Copies the files named on stdin into $out, numbered so that equal names do not clash.
copy_files() {
    local n=0 file
    while IFS= read -r file; do
        cp "$file" "$out/$(printf '%04d' "$n")-$(basename "$file")"
        n=$((n + 1))
    done
}

# Writes the unfolded value of every field whose lowercased name matches the extended
# regular expression $1 (anchored), one file each named $3-N, keeping only values that
# match $2.
field_values() {
    awk -v names="^($1):" -v want="$2" -v out="$out/$3" '
        function flush() {
            if (inside && value ~ want) {
                n++
                file = sprintf("%s-%05d", out, n)
                printf "%s", value > file
                close(file)
            }
            inside = 0
            value = ""
        }
        FNR == 1 { flush() }
        {
            line = $0
            sub(/\r$/, "", line)
            if (inside && line ~ /^[ \t]/) {
                value = value line
                next
            }
            flush()
            lower = tolower(line)
            if (match(lower, names)) {
                value = substr(line, RLENGTH + 1)
                sub(/^[ \t]+/, "", value)
                inside = 1
            }
        }
        END { flush() }
    ' "${messages[@]}"
}

case "$target" in
    date)
        field_values 'date|resent-date' '.' date
        ;;
    address)
        field_values 'from|to|cc|bcc|reply-to|sender|resent-from|resent-to|resent-cc|resent-sender' '.' address
        ;;
    params | rfc2231)
        field_values 'content-type|content-disposition' '.' params
        ;;
    encoded_word)
        field_values '[!-9;-~]+' '=[?]' encoded
        field_values 'subject' '.' subject
        ;;
    mbox)
        { printf '%s\n' "${messages[@]}"; manifest mbox; } | copy_files
        ;;
    *)
        printf '%s\n' "${messages[@]}" | copy_files
        ;;
esac
echo "seeds for $target: $(find "$out" -type f | wc -l) files in $out"
