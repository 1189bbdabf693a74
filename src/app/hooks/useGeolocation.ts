import { useCallback, useState } from 'react';

export type LocateState =
  | { status: 'idle' | 'locating' | 'denied' | 'unavailable' | 'unsupported' }
  | { status: 'done'; accuracy: number };

export interface Position {
  latitude: number;
  longitude: number;
  accuracy: number;
}

/** One high-accuracy position from `navigator.geolocation`, on demand. */
export function useGeolocation(onPosition: (position: Position) => void) {
  const [state, setState] = useState<LocateState>({ status: 'idle' });
  const locate = useCallback(() => {
    if (!('geolocation' in navigator)) {
      setState({ status: 'unsupported' });
      return;
    }
    setState({ status: 'locating' });
    navigator.geolocation.getCurrentPosition(
      ({ coords }) => {
        const accuracy = Math.round(coords.accuracy * 10) / 10;
        onPosition({ latitude: coords.latitude, longitude: coords.longitude, accuracy });
        setState({ status: 'done', accuracy });
      },
      (error) => setState({ status: error.code === error.PERMISSION_DENIED ? 'denied' : 'unavailable' }),
      { enableHighAccuracy: true, timeout: 60_000, maximumAge: 10_000 },
    );
  }, [onPosition]);
  return { state, locate };
}
