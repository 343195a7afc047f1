#!/bin/sh
# Adds up the counts that tests/run.sh recorded and prints the closing line.
awk '{p+=$2; f+=$3} END {printf "tests: %d passed, %d failed\n", p, f; exit (f > 0)}' "$@"
