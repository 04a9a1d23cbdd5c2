/** The smallest thumbnail at least `width` CSS pixels wide (for a 2× screen), else the original. */
export function photoUrl(
  image: { url: string | null; thumbnails: readonly { url: string; width: number }[] } | undefined,
  width: number,
): string | undefined {
  if (!image) return undefined;
  const wanted = width * 2;
  const fitting = [...image.thumbnails].sort((a, b) => a.width - b.width).find((t) => t.width >= wanted);
  return fitting?.url ?? image.url ?? image.thumbnails.at(-1)?.url;
}
