/**
 * Finds the SCORM API object the LMS provides (`API` for 1.2, `API_1484_11` for 2004): in
 * this window, its parents (the LMS usually frames the package) or the window that opened
 * it, as the SCORM run-time environment's discovery algorithm describes.
 */
export function findScormApi<T>(name: 'API' | 'API_1484_11', start: Window = window): T | null {
  const search = (from: Window): T | null => {
    let current: Window = from;
    for (let depth = 0; depth < 10; depth++) {
      try {
        const api = (current as unknown as Record<string, unknown>)[name];
        if (api) return api as T;
      } catch {
        return null; // A cross-origin frame: the API is not reachable from here.
      }
      if (current.parent === current) break;
      current = current.parent;
    }
    return null;
  };
  return search(start) ?? (start.opener ? search(start.opener as Window) : null);
}
