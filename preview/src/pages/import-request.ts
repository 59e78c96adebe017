import type { ImportDashboardRequest } from '../../server/dashboard-import';
import type { DashboardInput } from '../dashboard/requirements';

type Json = Record<string, unknown>;

/** A datasource an input can be filled with. */
export interface InputChoice {
  uid: string;
  isDefault?: boolean;
}

/** Each input's first value: a constant's default, a datasource input's default datasource of its plugin, else the first. */
export function initialInputValues(
  inputs: DashboardInput[],
  choicesOf: (pluginId: string) => InputChoice[],
): Record<string, string> {
  const initial: Record<string, string> = {};
  for (const input of inputs) {
    if (input.type === 'constant') initial[input.name] = input.value;
    else {
      const choices = choicesOf(input.pluginId);
      const chosen = choices.find((ds) => ds.isDefault) ?? choices[0];
      if (chosen) initial[input.name] = chosen.uid;
    }
  }
  return initial;
}

export interface ImportForm {
  title: string;
  uid: string;
  values: Record<string, string>;
}

/** Grafana's ImportDashboardRequest for the dashboard with the form's name, uid and input values. */
export function dashboardImportRequest(
  dashboard: Json,
  inputs: DashboardInput[],
  { title, uid, values }: ImportForm,
  overwrite: boolean,
): ImportDashboardRequest {
  return {
    dashboard: { ...dashboard, title, uid },
    overwrite,
    inputs: inputs.map((input) => ({
      name: input.name,
      type: input.type,
      pluginId: input.pluginId || undefined,
      value: values[input.name],
    })),
    folderUid: '',
  };
}
