# syntax=docker/dockerfile:1
# Build: compile TypeScript and generate the Prisma clients (no native engine is downloaded:
# the clients use driver adapters, and migrations are applied by the service itself).
# .ci/production-check does what this file does, without Docker, on every CI run: keep the two
# in step.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts ./scripts
COPY console ./console
RUN npm ci --no-audit --no-fund
# Production dependencies only; better-sqlite3 is compiled here, where the toolchain is.
RUN npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000 DATABASE_URL=file:/data/convertedin-feed.db
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist/src ./dist/src
# Only the scripts that run on production dependencies: migrate, import, the webhook worker,
# disconnect and the health check. The demo, seed and bench need development packages and stay out.
COPY --from=build /app/dist/scripts/migrate.js /app/dist/scripts/import.js /app/dist/scripts/webhook-worker.js /app/dist/scripts/disconnect.js /app/dist/scripts/healthcheck.js ./dist/scripts/
COPY --from=build /app/prisma ./prisma
# The /console page's own files (uPlot's come from node_modules).
COPY --from=build /app/console ./console
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
# Speaks https when TLS_CERT_FILE is set, http otherwise.
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 CMD ["node", "dist/scripts/healthcheck.js"]
# Pending migrations are applied before listening (MIGRATE_ON_START=false to skip).
# Heap limits well above what a request needs make V8 collect sooner: peak memory under load
# drops by a third at no measurable cost in throughput (docs/performance.md). Same as npm start.
CMD ["node", "--max-semi-space-size=16", "--max-old-space-size=1024", "dist/src/main.js"]
