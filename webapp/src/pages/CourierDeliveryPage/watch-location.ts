import { telegramSdk } from '../../telegram/sdk';

/** One position of the phone. */
export interface LocationFix {
  latitude: number;
  longitude: number;
  accuracyMeters?: number;
  recordedAt: string;
}

/** How often Telegram's LocationManager is asked (it answers one fix per request, it does not watch). */
const telegramPollMs = 20_000;
/** How often a browser that reports no movement is asked anyway: as often as the server keeps a report. */
const stillPollMs = 15_000;

/**
 * Follows the phone's position until the returned function is called. Inside Telegram through its
 * LocationManager (the webview's own Geolocation is often blocked there), asked again every
 * {@link telegramPollMs}; in the PWA through the browser's Geolocation, which asks the person first.
 * `onDenied` when permission is refused or there is no way to locate.
 */
export function watchLocation(onFix: (fix: LocationFix) => void, onDenied: () => void): () => void {
  const locationManager = telegramSdk()?.locationManager;
  if (locationManager?.isSupported()) return watchInTelegram(locationManager, onFix, onDenied);
  if (!('geolocation' in navigator)) {
    onDenied();
    return () => {};
  }
  const toFix = (position: GeolocationPosition) =>
    onFix({
      latitude: position.coords.latitude,
      longitude: position.coords.longitude,
      accuracyMeters: position.coords.accuracy,
      recordedAt: new Date(position.timestamp).toISOString(),
    });
  const failed = (error: GeolocationPositionError) => {
    if (error.code === error.PERMISSION_DENIED) onDenied();
  };
  // Fresh fixes only (maximumAge 0): one cached from before the bouquet went out is refused by the
  // server. A phone that stands still reports no change, so it is also asked now and then.
  const options = { enableHighAccuracy: true, maximumAge: 0 };
  const watchId = navigator.geolocation.watchPosition(toFix, failed, options);
  const timer = setInterval(
    () => navigator.geolocation.getCurrentPosition(toFix, failed, options),
    stillPollMs,
  );
  return () => {
    navigator.geolocation.clearWatch(watchId);
    clearInterval(timer);
  };
}

type LocationManager = NonNullable<ReturnType<typeof telegramSdk>>['locationManager'];

function watchInTelegram(
  locationManager: LocationManager,
  onFix: (fix: LocationFix) => void,
  onDenied: () => void,
): () => void {
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const ask = async () => {
    if (stopped) return;
    try {
      if (!locationManager.isMounted()) await locationManager.mount();
      const location = await locationManager.requestLocation();
      if (stopped) return;
      if (!location) {
        onDenied();
        return;
      }
      onFix({
        latitude: location.latitude,
        longitude: location.longitude,
        ...(location.horizontal_accuracy ? { accuracyMeters: location.horizontal_accuracy } : {}),
        recordedAt: new Date().toISOString(),
      });
    } catch {
      // No fix this time (no signal, the popup dismissed): asked again at the next turn.
    }
    timer = setTimeout(() => void ask(), telegramPollMs);
  };
  void ask();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
