#!/bin/bash
# usage: cmp.sh FILE  -> diff of normalized listings
python3 "$(dirname "$0")/cpython_norm.py" "$1" > /tmp/cp.txt 2>&1
${CARGO_TARGET_DIR:-target}/debug/examples/kdis --norm "$1" > /tmp/kr.txt
# krait prints arg-less ops with trailing space; normalize
sed -i -E "s/ +@([^@]*)$/ @\1/; s/^ +exc/exc/" /tmp/cp.txt /tmp/kr.txt
diff /tmp/cp.txt /tmp/kr.txt
