/**
 * getDataSourceSrv() for plugins and for the dashboard: datasource settings from boot data (as provisioned),
 * instances created from each plugin's own DataSourcePlugin, one per uid, as Grafana's DatasourceSrv does.
 */
import type { DataSourceApi, DataSourceInstanceSettings, DataSourceRef, ScopedVars } from '@grafana/data';
import { config, type DataSourceSrv, type GetDataSourceListFilters } from '@grafana/runtime';

import { templateSrv } from '../dashboard/template-srv';
import { loadDataSourcePlugin } from '../plugins/registry';

class PreviewDataSourceSrv implements DataSourceSrv {
  private readonly instances = new Map<string, Promise<DataSourceApi>>();

  private all(): DataSourceInstanceSettings[] {
    return Object.values(config.datasources);
  }

  getInstanceSettings(
    ref?: DataSourceRef | string | null,
    scopedVars?: ScopedVars,
  ): DataSourceInstanceSettings | undefined {
    const wanted = typeof ref === 'object' && ref !== null ? ref.uid : ref;
    if (!wanted || wanted === 'default') return this.all().find((ds) => ds.isDefault) ?? this.all()[0];
    const name = templateSrv.replace(wanted, scopedVars);
    return this.all().find((ds) => ds.uid === name || ds.name === name);
  }

  async get(ref?: DataSourceRef | string | null, scopedVars?: ScopedVars): Promise<DataSourceApi> {
    const settings = this.getInstanceSettings(ref, scopedVars);
    if (!settings) {
      const asked = typeof ref === 'object' && ref !== null ? JSON.stringify(ref) : String(ref);
      throw new Error(`Datasource ${asked} was not found`);
    }
    let instance = this.instances.get(settings.uid);
    if (!instance) {
      instance = this.create(settings);
      this.instances.set(settings.uid, instance);
      instance.catch(() => this.instances.delete(settings.uid));
    }
    return instance;
  }

  private async create(settings: DataSourceInstanceSettings): Promise<DataSourceApi> {
    const plugin = await loadDataSourcePlugin(settings.meta);
    const instance = new plugin.DataSourceClass!(settings);
    instance.components = plugin.components;
    instance.meta = settings.meta;
    return instance;
  }

  getList(filters: GetDataSourceListFilters = {}): DataSourceInstanceSettings[] {
    const types = filters.type === undefined ? undefined : [filters.type].flat();
    return this.all()
      .filter((ds) => !types || types.includes(ds.type))
      .filter((ds) => !filters.pluginId || ds.meta.id === filters.pluginId)
      .filter((ds) => !filters.metrics || ds.meta.metrics)
      .filter((ds) => !filters.annotations || ds.meta.annotations)
      .filter((ds) => !filters.filter || filters.filter(ds))
      .sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Drops every instance: the next get() creates it again from the current settings. */
  reload(): void {
    this.instances.clear();
  }

  registerRuntimeDataSource(): void {
    throw new Error('Runtime datasources are not available in the preview');
  }
}

export const dataSourceSrv = new PreviewDataSourceSrv();
