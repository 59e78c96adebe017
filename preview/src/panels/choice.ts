/** Radio and select settings from [value, label] pairs. */
export const choice = <T extends string>(entries: Array<[T, string]>) => ({
  options: entries.map(([value, label]) => ({ value, label })),
});
