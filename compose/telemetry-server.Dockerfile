# The reference telemetry server, running the simulated race live.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
COPY packages ./packages
COPY datasource/package.json ./datasource/
COPY panels/track-map/package.json ./panels/track-map/
COPY panels/lap-delta/package.json ./panels/lap-delta/
COPY panels/tyre-heatmap/package.json ./panels/tyre-heatmap/
RUN npm ci --omit=dev --no-audit --no-fund --workspace @eracing/reference-server
USER node
VOLUME /data
EXPOSE 8765
ENTRYPOINT ["node", "packages/reference-server/bin/eracing-server.cjs"]
CMD ["serve", "--host=0.0.0.0", "--data-dir=/data"]
