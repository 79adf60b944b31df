# syntax=docker/dockerfile:1
#
# One image for all seven polytrader services. docker-compose.yml picks the
# service with `command: ["node", "dist/apps/<service>/main.js"]`; the default
# CMD runs the gateway.
#
#   docker build -t polytrader:local .
#   docker run --rm -e NATS_URL=nats://host.docker.internal:4222 -p 8080:8080 polytrader:local

# ---------------------------------------------------------------------------
# manifests: only the package.json files of the npm workspace (+ lockfile), so
# the `npm ci` layer below stays cached until a dependency actually changes.
# New libs under libs/* are picked up without editing this file.
# tools/cli/bin is included so npm can link node_modules/.bin/polytrader.
# ---------------------------------------------------------------------------
FROM node:20-bookworm-slim AS manifests
WORKDIR /src
COPY . .
RUN set -eux; \
    mkdir -p /manifests; \
    cp package.json package-lock.json /manifests/; \
    find libs tools -name package.json \
        -not -path '*/node_modules/*' -not -path '*/dist/*' -not -path '*/src/*' \
        -exec cp --parents {} /manifests/ \; ; \
    cp -r --parents tools/cli/bin /manifests/

# ---------------------------------------------------------------------------
# build: install everything (dev deps included), compile, then drop dev deps.
# ---------------------------------------------------------------------------
FROM node:20-bookworm-slim AS build
# toolchain for native modules (node-gyp fallback when no prebuilt binary fits)
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
ENV NX_DAEMON=false \
    NX_NO_CLOUD=true
WORKDIR /app

COPY --from=manifests /manifests/ ./
# --ignore-scripts: the root `prepare` script would build before the sources
# are here. `npm rebuild` then runs the dependencies' own install scripts
# (native modules such as sqlite3) but not the root `prepare`.
RUN npm ci --ignore-scripts --no-audit --no-fund \
 && npm rebuild

COPY . .
RUN npx nx run-many -t build --output-style=static

# Production dependencies only. The workspace links
# node_modules/@polytrader/* -> ../../libs/* and node_modules/polytrader ->
# ../tools/cli are kept (relative symlinks, so they resolve under /app below).
RUN npm prune --omit=dev --ignore-scripts --no-audit --no-fund

# Assemble exactly what the runtime needs in /out, with the same layout as /app.
RUN set -eux; \
    mkdir -p /out/tools/cli; \
    cp -a package.json config.yaml node_modules dist /out/; \
    find libs -name package.json \
        -not -path '*/node_modules/*' -not -path '*/dist/*' -not -path '*/src/*' \
        -exec cp --parents {} /out/ \; ; \
    for d in libs/*/dist; do cp -a --parents "$d" /out/; done; \
    cp -a tools/cli/bin tools/cli/dist tools/cli/package.json /out/tools/cli/

# ---------------------------------------------------------------------------
# runtime
# ---------------------------------------------------------------------------
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    NODE_OPTIONS=--max-semi-space-size=2
WORKDIR /app

# Code stays root-owned (read-only for the service user); only data/ and logs/
# are writable. Named volumes mounted there inherit this ownership on first use.
# The node -e check fails the build (rather than the first start) if the layout
# is broken: every workspace package must resolve through its symlink and every
# entry point must exist.
COPY --from=build /out/ ./
RUN set -eux; \
    mkdir -p data logs; \
    chown node:node data logs; \
    node -e ' \
      const fs = require("fs"); \
      for (const name of fs.readdirSync("node_modules/@polytrader")) require.resolve("@polytrader/" + name); \
      require.resolve("polytrader/bin/polytrader.js"); \
      for (const f of ["tools/cli/dist/main.js", "config.yaml"]) fs.accessSync(f); \
      const apps = ["collector", "hype", "analyzer", "signals", "risk", "notifier", "gateway"]; \
      for (const a of apps) fs.accessSync("dist/apps/" + a + "/main.js"); \
    '

USER node
VOLUME ["/app/data", "/app/logs"]
EXPOSE 8080
CMD ["node", "dist/apps/gateway/main.js"]
