#!/bin/sh
# Builds the Teams app package (manifest/build/sencohub.zip): see manifest/package.mjs, which does
# the work on every platform (on Windows: node manifest/package.mjs).
# Usage: manifest/package.sh [--out FILE.zip]
exec node "$(dirname "$0")/package.mjs" "$@"
