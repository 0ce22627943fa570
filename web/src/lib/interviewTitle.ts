// The interview pages name themselves (the app's layout names the area "Interview practice").
import { useEffect } from "react";

export function documentTitle(title: string): string {
  return `${title} · Vocalis`;
}

/**
 * Set the tab's title for this page. The layout sets the area's title in its own effect, which runs after
 * the page's (parents' effects run last): the page's title is set again once that is done.
 */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    const text = documentTitle(title);
    document.title = text;
    queueMicrotask(() => {
      document.title = text;
    });
  }, [title]);
}
