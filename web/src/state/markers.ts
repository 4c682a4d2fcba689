// The reading positions (/api/v1/markers), fetched once per session; the
// endpoint is optional: a failure gives no markers.
import * as api from '../api/client';
import type { Marker } from '../api/types';

type Markers = Partial<Record<'home' | 'notifications', Marker>>;
let once: Promise<Markers> | null = null;

export function markers(): Promise<Markers> {
  once ??= api.getMarkers().catch(() => ({}) as Markers);
  return once;
}

export function forgetMarkers(): void {
  once = null;
}
