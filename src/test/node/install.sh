#!/usr/bin/env bash
# Installs the reference relay of bin/bench --reference and the capacity mode's Node peers into target/reference-relay: Node and npm
# (Debian's nodejs and npm) when missing, the `ws` version of package-lock.json (npm ci, again only
# when the lock changed) and the script itself, which must sit beside node_modules for its
# `import 'ws'` to resolve. Needs the network: bin/bench runs it before entering its namespace.
set -euo pipefail
cd "$(dirname "$0")/../../.."
command -v node >/dev/null && command -v npm >/dev/null || { apt-get update -q && apt-get install -y -q nodejs npm; }
relay=target/reference-relay
if ! cmp -s src/test/node/package-lock.json $relay/package-lock.json || [ ! -d $relay/node_modules/ws ]; then
    rm -rf $relay && mkdir -p $relay && cp src/test/node/package.json src/test/node/package-lock.json $relay/
    (cd $relay && npm ci --no-audit --no-fund --silent)
fi
cp src/test/node/reference-relay.mjs src/test/node/capacity-peers.mjs src/test/node/relay-peers.mjs src/test/node/close-all.mjs $relay/
