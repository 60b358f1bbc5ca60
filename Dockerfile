# One image for every Lotbridge app (and for `node scripts/db.js setup`): the repo with its locked npm
# dependencies, run from TypeScript sources the same way as `nx serve` (ts-node transpile-only + tsconfig paths).
#
#   docker build --build-arg APP=inventory-service -t lotbridge/inventory-service .
#   docker run ... lotbridge/inventory-service                    runs apps/inventory-service/src/main.ts
#   docker run -e APP=sap-idoc-adapter ... lotbridge/inventory-service   any other app from the same image
# docker-compose.yml builds it once per app service (the layers before ARG APP are shared through the cache).
FROM node:20-bookworm-slim

# Prisma probes the OpenSSL version of the platform; ca-certificates for any HTTPS npm lifecycle script.
RUN apt-get update \
 && apt-get install -y --no-install-recommends openssl ca-certificates \
 && rm -rf /var/lib/apt/lists/*

WORKDIR /app
RUN chown node:node /app
# Not root; and scripts/db.js setup writes the Prisma clients into apps/*/src/__generated__ at run time.
USER node

COPY --chown=node:node package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --loglevel=error

COPY --chown=node:node . .

# Prisma clients (apps/<app>/src/__generated__/prisma, git-ignored and docker-ignored) as scripts/db.js
# generates them: `prisma generate` in the app's folder, with a dummy schema engine (generate does not use it).
RUN for dir in apps/*/; do \
      if [ -f "${dir}prisma/schema.prisma" ]; then \
        (cd "$dir" && PRISMA_SCHEMA_ENGINE_BINARY=/bin/true CHECKPOINT_DISABLE=1 PRISMA_HIDE_UPDATE_MESSAGE=1 \
          node /app/node_modules/prisma/build/index.js generate) || exit 1; \
      fi; \
    done

# The app a container runs: apps/$APP/src/main.ts (build arg, or environment variable APP at run time).
ARG APP=inventory-service
ENV APP=${APP}
EXPOSE 3001 3002
CMD ["sh", "-c", "exec node -r ts-node/register/transpile-only -r tsconfig-paths/register \"apps/${APP}/src/main.ts\""]
