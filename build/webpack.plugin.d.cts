import type { Configuration } from 'webpack';

interface BuildOptions {
  development?: boolean;
}

/** webpack-cli entry: `--env dir=<plugin folder>`, `--env development`. */
declare function pluginConfig(env?: { dir?: string; development?: boolean }): Configuration;

declare namespace pluginConfig {
  function createPluginConfig(pluginDir: string, options?: BuildOptions): Configuration;
  function describePlugin(pluginDir: string): { id: string; version: string };
  function findPlugins(): string[];
  const EXTERNALS: NonNullable<Configuration['externals']>;
  const ROOT: string;
}

export = pluginConfig;
