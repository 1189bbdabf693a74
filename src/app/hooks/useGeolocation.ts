import { useEffect, useRef, useState, type RefObject } from 'react';
import { acceptsPosition } from '../../core/forms/geoAccuracy';

export type LocateState =
  | { status: 'idle' | 'locating' | 'denied' | 'unavailable' | 'unsupported' }
  | { status: 'done' | 'improving'; accuracy: number };

export interface Position {
  latitude: number;
  longitude: number;
  accuracy: number;
}

/** The position being listened for, and the latest one while waiting for a more accurate one. */
interface Watch {
  id?: number;
  best?: Position;
}

function stop(watch: RefObject<Watch>): void {
  // Watch ids are above 0 (W3C Geolocation): clearing 0 does nothing.
  navigator.geolocation?.clearWatch(watch.current.id ?? 0);
  watch.current = {};
}

/**
 * High-accuracy positions from `navigator.geolocation`, on demand. The first position is taken, or with
 * `captureAccuracy` (ODK's `capture-accuracy`, metres) the device is listened to until a position is that
 * accurate (`improving` meanwhile, with the latest accuracy); `locate` while improving keeps the latest
 * position, as ODK Collect does. The widgets disable their button while `locating`.
 */
export function useGeolocation(onPosition: (position: Position) => void, captureAccuracy?: number) {
  const [state, setState] = useState<LocateState>({ status: 'idle' });
  const watch = useRef<Watch>({});
  useEffect(() => () => stop(watch), []);
  const accept = (position: Position) => {
    stop(watch);
    onPosition(position);
    setState({ status: 'done', accuracy: position.accuracy });
  };
  const locate = () => {
    const { best } = watch.current;
    if (best) return accept(best);
    if (!('geolocation' in navigator)) return setState({ status: 'unsupported' });
    setState({ status: 'locating' });
    const current: Watch = (watch.current = {});
    current.id = navigator.geolocation.watchPosition(
      ({ coords }) => {
        const p = {
          latitude: coords.latitude,
          longitude: coords.longitude,
          accuracy: Math.round(coords.accuracy * 10) / 10,
        };
        if (acceptsPosition(p.accuracy, captureAccuracy)) return accept(p);
        current.best = p;
        setState({ status: 'improving', accuracy: p.accuracy });
      },
      (error) => {
        // Waiting for a more accurate position: one was found, and the agent may keep it.
        if (current.best) return;
        stop(watch);
        setState({ status: error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable' });
      },
      { enableHighAccuracy: true, timeout: 60_000, maximumAge: 10_000 },
    );
  };
  return { state, locate };
}
