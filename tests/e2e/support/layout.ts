import type { Page } from '@playwright/test';

/** The widths every page must fit: a phone, a small laptop, a desktop. */
export const WIDTHS = [390, 1024, 1280] as const;

/**
 * How far the page scrolls sideways (0 when it fits), and the widest elements sticking out
 * of the viewport that are not inside their own scroll container (what to fix).
 */
export function horizontalOverflow(page: Page): Promise<{ overflow: number; culprits: string[] }> {
  return page.evaluate(() => {
    const root = document.documentElement;
    const width = root.clientWidth;
    const scrolls = (element: Element) => {
      const style = getComputedStyle(element);
      return ['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX);
    };
    const culprits: string[] = [];
    for (const element of document.body.querySelectorAll('*')) {
      const box = element.getBoundingClientRect();
      if (box.right <= width + 1 || box.width === 0) continue;
      let parent = element.parentElement;
      let contained = false;
      while (parent && parent !== document.body) {
        if (scrolls(parent)) contained = true;
        parent = parent.parentElement;
      }
      if (!contained)
        culprits.push(
          `${element.tagName.toLowerCase()}${element.className ? `.${String(element.className).split(' ').join('.')}` : ''} right=${Math.round(box.right)}`,
        );
    }
    return { overflow: Math.max(0, root.scrollWidth - width), culprits: culprits.slice(0, 5) };
  });
}
