/** Radio and select settings from [value, label] pairs. */
export const choice = <T extends string>(entries: Array<[T, string]>) => ({
  options: entries.map(([value, label]) => ({ value, label })),
});

/** A radio option's config: its path, name, default and [value, label] choices, under a category when given. */
export function radio<T extends string>(
  path: string,
  name: string,
  defaultValue: T,
  entries: Array<[T, string]>,
  category?: string[],
) {
  return { path, name, ...(category && { category }), defaultValue, settings: choice(entries) };
}

/** A slider option's config from its range; `step` defaults to whole numbers. */
export function slider(path: string, name: string, defaultValue: number, max: number, step = 1) {
  return { path, name, defaultValue, settings: { min: 0, max, step } };
}
