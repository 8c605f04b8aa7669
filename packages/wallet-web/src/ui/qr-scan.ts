import { t } from '../i18n.js';
import { h, replaceChildren } from './dom.js';

interface DetectedBarcode {
  rawValue: string;
}
interface BarcodeDetectorLike {
  detect(source: CanvasImageSource): Promise<DetectedBarcode[]>;
}
type BarcodeDetectorClass = new (options: { formats: string[] }) => BarcodeDetectorLike;

type JsQr = (data: Uint8ClampedArray, width: number, height: number) => { data: string } | null;

async function loadJsQr(): Promise<JsQr> {
  // jsQR is CommonJS; depending on the interop its function is the default export or inside it.
  const loaded: unknown = (await import('jsqr')).default;
  return typeof loaded === 'function' ? (loaded as JsQr) : (loaded as { default: JsQr }).default;
}

/**
 * A "Scan QR code" button and the camera view it opens. Uses the browser's BarcodeDetector where
 * there is one, else jsQR (loaded only then). The camera stops as soon as a code is read.
 */
export function qrScanner(onText: (text: string) => void): { button: HTMLButtonElement; area: HTMLElement } {
  const area = h('div', { class: 'scanner', 'aria-live': 'polite' });
  const button = h('button', { type: 'button', class: 'secondary' }, t('scanQr'));
  let stream: MediaStream | undefined;
  let running = false;

  const stop = (): void => {
    running = false;
    for (const track of stream?.getTracks() ?? []) track.stop();
    stream = undefined;
    button.textContent = t('scanQr');
    replaceChildren(area);
  };

  const start = async (): Promise<void> => {
    if (navigator.mediaDevices?.getUserMedia === undefined) {
      replaceChildren(area, h('p', { role: 'alert', class: 'message error' }, t('cameraUnavailable')));
      return;
    }
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        video: { facingMode: 'environment' },
        audio: false,
      });
    } catch {
      replaceChildren(area, h('p', { role: 'alert', class: 'message error' }, t('cameraUnavailable')));
      return;
    }
    running = true;
    button.textContent = t('stopScan');
    const video = h('video', { muted: true, playsinline: true, 'aria-label': t('scanHelp') });
    video.srcObject = stream;
    replaceChildren(area, h('p', {}, t('scanHelp')), video);
    await video.play();
    const Detector = (globalThis as unknown as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;
    const detector = Detector === undefined ? undefined : new Detector({ formats: ['qr_code'] });
    const jsQR = detector === undefined ? await loadJsQr() : undefined;
    const canvas = document.createElement('canvas');
    const context = canvas.getContext('2d', { willReadFrequently: true });
    const tick = async (): Promise<void> => {
      if (!running) return;
      let text: string | undefined;
      if (video.videoWidth > 0) {
        if (detector !== undefined) {
          text = (await detector.detect(video))[0]?.rawValue;
        } else if (jsQR !== undefined && context !== null) {
          canvas.width = video.videoWidth;
          canvas.height = video.videoHeight;
          context.drawImage(video, 0, 0);
          const image = context.getImageData(0, 0, canvas.width, canvas.height);
          text = jsQR(image.data, image.width, image.height)?.data;
        }
      }
      if (text !== undefined && text !== '') {
        stop();
        onText(text);
        return;
      }
      requestAnimationFrame(() => void tick());
    };
    void tick();
  };

  button.addEventListener('click', () => {
    if (running) stop();
    else void start();
  });
  return { button, area };
}
