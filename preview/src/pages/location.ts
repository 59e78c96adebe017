import { locationService } from '@grafana/runtime';
import { useEffect, useState } from 'react';

/** The current location, re-rendering on every navigation through @grafana/runtime's locationService. */
export function useLocation() {
  const [location, setLocation] = useState(() => locationService.getLocation());
  useEffect(() => locationService.getHistory().listen(() => setLocation(locationService.getLocation())), []);
  return location;
}

/** Replaces some URL parameters (null removes one), as locationService.partial does. */
export function setSearch(params: Record<string, string | string[] | null>, replace = false) {
  locationService.partial(params, replace);
}
