/**
 * Grafana's start-up work that plugins rely on: the @grafana/runtime services, the option editor and field
 * config registries, and the transformations. Grafana core does this in public/app/app.ts before any plugin loads.
 */
import {
  EventBusSrv,
  standardEditorsRegistry,
  standardFieldConfigEditorRegistry,
  standardTransformers,
  standardTransformersRegistry,
  type TransformerRegistryItem,
} from '@grafana/data';
import { initPluginTranslations } from '@grafana/i18n';
import {
  setAppEvents,
  setBackendSrv,
  setDataSourceSrv,
  setEchoSrv,
  setGrafanaLiveSrv,
  setTemplateSrv,
} from '@grafana/runtime';

import { templateSrv } from '../dashboard/template-srv';
import { dataSourceSrv } from '../datasources/datasource-srv';
import { backendSrv } from './backend-srv';
import { getAllStandardFieldConfigs } from './field-configs';
import { previewLiveSrv } from './live-srv';
import { getAllOptionEditors } from './option-editors';

type TransformerInfo = (typeof standardTransformers)[keyof typeof standardTransformers];

/**
 * A registry item's `transformation`: Grafana 12.4 reads it as the transformer itself (`.operator`, `.id`), 13.2 calls
 * it to resolve the transformer lazily. One value serves both: a resolver that also answers as the transformer.
 */
function transformationFor(info: TransformerInfo): TransformerRegistryItem['transformation'] {
  const resolve = () => Promise.resolve(info);
  return new Proxy(resolve, {
    get: (target, key) => (key in info ? info[key as keyof TransformerInfo] : Reflect.get(target, key)),
  }) as unknown as TransformerRegistryItem['transformation'];
}

/** Grafana's standard transformations, each id and alias once (some transformers share an alias). */
function transformerItems(): TransformerRegistryItem[] {
  const taken = new Set<string>();
  return Object.values(standardTransformers).flatMap((info) => {
    if (taken.has(info.id)) return [];
    taken.add(info.id);
    const aliasIds = (info.aliasIds ?? []).filter((alias) => !taken.has(alias));
    aliasIds.forEach((alias) => taken.add(alias));
    return [
      {
        id: info.id,
        aliasIds,
        name: info.name,
        description: info.description,
        transformation: transformationFor(info),
        editor: () => null,
        imageDark: '',
        imageLight: '',
      },
    ];
  });
}

export const appEvents = new EventBusSrv();

export async function bootGrafanaServices(): Promise<void> {
  standardEditorsRegistry.setInit(getAllOptionEditors);
  standardFieldConfigEditorRegistry.setInit(getAllStandardFieldConfigs);
  standardTransformersRegistry.setInit(transformerItems);

  setTemplateSrv(templateSrv);
  setDataSourceSrv(dataSourceSrv);
  setBackendSrv(backendSrv);
  setGrafanaLiveSrv(previewLiveSrv());
  setAppEvents(appEvents);
  // No analytics in the preview: interactions reported by @grafana/ui and plugins go nowhere.
  setEchoSrv({ flush() {}, addBackend() {}, addEvent() {} } as never);

  // Grafana initialises i18next before it renders anything; @grafana/ui's t() and <Trans> read it.
  await initPluginTranslations('grafana');
}
