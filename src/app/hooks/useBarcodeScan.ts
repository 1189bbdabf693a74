import { useCallback, useEffect, useRef, useState } from 'react';

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorConstructor = new () => BarcodeDetectorLike;

/** True where the browser can read barcodes itself (Chrome on Android; not Safari or Firefox yet). */
export function canScanBarcodes(): boolean {
  return typeof window !== 'undefined' && 'BarcodeDetector' in window;
}

export type ScanState = 'idle' | 'scanning' | 'error';

/**
 * Reads one barcode with the back camera and the browser's BarcodeDetector: `start` opens the camera into
 * the returned video ref, tries a frame every 300 ms, and stops the camera at the first code found, on
 * `stop`, or when the component goes.
 */
export function useBarcodeScan(onCode: (code: string) => void) {
  const [state, setState] = useState<ScanState>('idle');
  const videoRef = useRef<HTMLVideoElement>(null);
  const stopRef = useRef<() => void>(() => undefined);

  const stop = useCallback(() => {
    stopRef.current();
    stopRef.current = () => undefined;
    setState('idle');
  }, []);

  const start = useCallback(async () => {
    const Detector = (window as unknown as { BarcodeDetector?: BarcodeDetectorConstructor }).BarcodeDetector;
    if (!Detector) return setState('error');
    setState('scanning');
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
      const video = videoRef.current;
      if (!video) return stream.getTracks().forEach((track) => track.stop());
      video.srcObject = stream;
      await video.play();
      const detector = new Detector();
      const timer = setInterval(() => {
        detector.detect(video).then(
          (codes) => {
            const code = codes[0]?.rawValue;
            if (code) {
              stop();
              onCode(code);
            }
          },
          () => undefined,
        );
      }, 300);
      stopRef.current = () => {
        clearInterval(timer);
        stream.getTracks().forEach((track) => track.stop());
        video.srcObject = null;
      };
    } catch {
      stopRef.current();
      setState('error');
    }
  }, [onCode, stop]);

  useEffect(() => () => stopRef.current(), []);
  return { state, start, stop, videoRef };
}
