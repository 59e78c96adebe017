/**
 * One stable colour per car, the same in every panel. Numeric car numbers index the palette directly
 * (car 1 → first colour), so up to 20 consecutively numbered cars never share a colour; other ids hash.
 */
export const CAR_PALETTE = [
  '#e6194b',
  '#3cb44b',
  '#4363d8',
  '#f58231',
  '#911eb4',
  '#42d4f4',
  '#f032e6',
  '#bfef45',
  '#fabed4',
  '#469990',
  '#dcbeff',
  '#9a6324',
  '#fffac8',
  '#800000',
  '#aaffc3',
  '#808000',
  '#ffd8b1',
  '#000075',
  '#a9a9a9',
  '#ffe119',
] as const;

function hashString(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return hash >>> 0;
}

export function carColour(car: string): string {
  const number = /^\d+$/.test(car) ? Number(car) : NaN;
  const index = Number.isSafeInteger(number) && number > 0 ? number - 1 : hashString(car);
  return CAR_PALETTE[index % CAR_PALETTE.length];
}
