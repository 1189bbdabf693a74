import { downscaledSize } from './downscale';

/** Hex SHA-256 of the bytes: the name a file travels under (GUIDE §2, media). */
export async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * A photo redrawn on a canvas with its long side at most `maxPixels`, as JPEG. Images already small
 * enough, and images the browser cannot decode, are kept as they are.
 */
export async function downscaleImage(file: Blob, maxPixels: number): Promise<Blob> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return file;
  }
  try {
    const size = downscaledSize(bitmap.width, bitmap.height, maxPixels);
    if (size.width === bitmap.width && size.height === bitmap.height) return file;
    const canvas = document.createElement('canvas');
    canvas.width = size.width;
    canvas.height = size.height;
    canvas.getContext('2d')?.drawImage(bitmap, 0, 0, size.width, size.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', 0.85));
    return blob ?? file;
  } finally {
    bitmap.close();
  }
}

/** The file name of a downscaled photo: its extension follows the new type. */
export function renamedAs(name: string, type: string): string {
  if (type !== 'image/jpeg' || /\.jpe?g$/i.test(name)) return name;
  return `${name.replace(/\.[^.]*$/, '')}.jpg`;
}
