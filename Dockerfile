# One image for the gateway (the default command) and the Partner Center simulator
# (docker-compose.yml runs it with `node dist/simulator/main.js`).
# Nothing is downloaded at run time: every dependency is installed while building.

ARG NODE_IMAGE=node:20.20-bookworm-slim

# --- build: full dependency tree, compile src/ to dist/ -----------------------------------------
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
RUN npm run build

# --- examples: the federation example (CRM subgraph, Apollo Gateway), run with tsx -------------
# `docker compose --profile federation up` builds this target; the default target stays `runtime`.
FROM build AS examples
COPY examples ./examples
USER node
CMD ["node_modules/.bin/tsx", "examples/federation/main.ts", "supergraph"]

# --- runtime: production dependencies and dist/ only ---------------------------------------------
FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm ci --omit=dev && npm cache clean --force
# Owned by root and only readable by `node`: the running process cannot rewrite its own code.
COPY --from=build /app/dist ./dist
USER node
EXPOSE 4000
# Slim images have no curl or wget; node's own fetch asks the gateway's /health.
HEALTHCHECK --interval=10s --timeout=5s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/health', { signal: AbortSignal.timeout(4000) }).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/main.js"]
