# One image for the server (GraphQL + webapp) and the bot; docker-compose.yml picks the command.
FROM node:20-bookworm-slim AS build
WORKDIR /app
RUN npm install --global pnpm@10
COPY pnpm-lock.yaml pnpm-workspace.yaml package.json .npmrc ./
COPY prisma/package.json prisma/
COPY server/package.json server/
COPY bot/package.json bot/
COPY webapp/package.json webapp/
COPY e2e/package.json e2e/
RUN pnpm install --frozen-lockfile
COPY . .
RUN pnpm --filter @posy/prisma generate && pnpm --filter @posy/webapp build

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
RUN npm install --global pnpm@10 && useradd --create-home posy
COPY --from=build --chown=posy /app /app
USER posy
EXPOSE 4000
CMD ["pnpm", "--filter", "@posy/server", "start"]
