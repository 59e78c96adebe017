export function formatMetres(metres: number): string {
  return `${Math.round(metres)} m`;
}
