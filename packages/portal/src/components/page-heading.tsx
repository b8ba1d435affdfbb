import { useEffect, useRef } from 'preact/hooks';

/** The page's `h1`: sets the document title and takes the focus on a page change (screen readers hear it). */
export function PageHeading({ title }: { title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · Regen partner portal`;
    // Only after a navigation inside the app, not on first load (the focus stays at the page top).
    if (document.activeElement?.closest('nav')) ref.current?.focus();
  }, [title]);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {title}
    </h1>
  );
}
