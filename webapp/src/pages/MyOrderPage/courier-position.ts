/** Seconds since the courier's position was taken, by this device's clock (never negative). */
export function positionAgeSeconds(recordedAt: string, now: number): number {
  return Math.max(0, Math.floor((now - Date.parse(recordedAt)) / 1000));
}

/** How old a position is, in the largest whole unit: what the customer reads beside the map link. */
export function positionAge(seconds: number): { unit: 'seconds' | 'minutes' | 'hours'; count: number } {
  if (seconds < 60) return { unit: 'seconds', count: seconds };
  if (seconds < 3600) return { unit: 'minutes', count: Math.floor(seconds / 60) };
  return { unit: 'hours', count: Math.floor(seconds / 3600) };
}

/** The position on OpenStreetMap: opens in the phone's browser or maps app, needs no key. */
export function positionMapUrl(latitude: number, longitude: number): string {
  const lat = latitude.toFixed(5);
  const lon = longitude.toFixed(5);
  return `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=16/${lat}/${lon}`;
}
