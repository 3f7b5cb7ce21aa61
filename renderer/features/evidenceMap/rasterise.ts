/**
 * An SVG document drawn into a PNG in the page: the browser renders the SVG
 * as an image (no scripts run in an <img>), a canvas rasterises it at twice
 * its size for sharp print, and the PNG bytes come back with the picture's
 * size in CSS pixels (what Word and the brief lay it out at).
 */
export async function svgToPng(svg: string, scale = 2): Promise<{ png: Uint8Array; width: number; height: number }> {
  const width = Number(/<svg[^>]*\swidth="(\d+(?:\.\d+)?)"/.exec(svg)?.[1] ?? 0);
  const height = Number(/<svg[^>]*\sheight="(\d+(?:\.\d+)?)"/.exec(svg)?.[1] ?? 0);
  if (!width || !height) throw new Error('the SVG has no size');
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    image.src = url;
    await image.decode();
    // Canvas limits: keep the bitmap under ~16k pixels a side.
    const factor = Math.min(scale, 16000 / width, 16000 / height);
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.round(width * factor));
    canvas.height = Math.max(1, Math.round(height * factor));
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('this browser cannot draw on a canvas');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
    if (!blob) throw new Error('the canvas produced no image');
    return { png: new Uint8Array(await blob.arrayBuffer()), width, height };
  } finally {
    URL.revokeObjectURL(url);
  }
}
