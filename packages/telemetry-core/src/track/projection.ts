/** Mean Earth radius in metres (IUGG). */
export const EARTH_RADIUS_M = 6371008.8;
const RAD = Math.PI / 180;

export interface GeoOrigin {
  lat: number;
  lon: number;
}

/**
 * A local equirectangular projection around an origin near the track centre:
 * x = R(λ−λ0)cos φ0, y = R(φ−φ0). Within a few kilometres the error is far below GPS noise.
 */
export interface LocalProjection {
  origin: GeoOrigin;
  toMetres(lat: number, lon: number): { x: number; y: number };
  toLatLon(x: number, y: number): { lat: number; lon: number };
}

export function localProjection(origin: GeoOrigin): LocalProjection {
  const cosLat0 = Math.cos(origin.lat * RAD);
  return {
    origin,
    toMetres: (lat, lon) => ({
      x: EARTH_RADIUS_M * (lon - origin.lon) * RAD * cosLat0,
      y: EARTH_RADIUS_M * (lat - origin.lat) * RAD,
    }),
    toLatLon: (x, y) => ({
      lat: origin.lat + y / (EARTH_RADIUS_M * RAD),
      lon: origin.lon + x / (EARTH_RADIUS_M * RAD * cosLat0),
    }),
  };
}

/** Projects columns of lat/lon into new x/y columns in metres. NaN stays NaN. */
export function projectColumns(
  lat: ArrayLike<number>,
  lon: ArrayLike<number>,
  origin: GeoOrigin,
): { x: Float64Array; y: Float64Array } {
  const n = Math.min(lat.length, lon.length);
  const x = new Float64Array(n);
  const y = new Float64Array(n);
  const cosLat0 = Math.cos(origin.lat * RAD);
  const k = EARTH_RADIUS_M * RAD;
  for (let i = 0; i < n; i++) {
    x[i] = k * (lon[i] - origin.lon) * cosLat0;
    y[i] = k * (lat[i] - origin.lat);
  }
  return { x, y };
}
