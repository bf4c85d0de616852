import { useEffect } from 'react';

/** Names the browser tab after the page, which is also what screen readers announce on load. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · BYOV Admin`;
  }, [title]);
}
