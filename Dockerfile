# syntax=docker/dockerfile:1
# Build: compile TypeScript and generate the Prisma clients (no native engine is downloaded:
# the clients use driver adapters, and migrations are applied by the service itself).
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
COPY prisma ./prisma
COPY prisma.config.ts tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY scripts ./scripts
RUN npm ci --no-audit --no-fund
# Production dependencies only; better-sqlite3 is compiled here, where the toolchain is.
RUN npm prune --omit=dev

FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=3000 DATABASE_URL=file:/data/convertedin-feed.db
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/prisma ./prisma
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=3s --start-period=20s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
# Pending migrations are applied before listening (MIGRATE_ON_START=false to skip).
# Heap limits well above what a request needs make V8 collect sooner: peak memory under load
# drops by a third at no measurable cost in throughput (README, Performance). Same as npm start.
CMD ["node", "--max-semi-space-size=4", "--max-old-space-size=1024", "dist/src/main.js"]
