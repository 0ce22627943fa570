// Previous / "1–20 of 57" / Next for a paged list (history, coaching sessions).

interface PagerProps {
  offset: number;
  pageSize: number;
  total: number;
  hasMore: boolean; // another page follows (a list may know it better than offset + size < total)
  loading: boolean;
  onOffset: (offset: number) => void;
}

export function Pager({ offset, pageSize, total, hasMore, loading, onOffset }: PagerProps) {
  return (
    <nav className="history__pages" aria-label="Pages">
      <button type="button" className="button button--small button--secondary" disabled={offset === 0 || loading} onClick={() => onOffset(Math.max(0, offset - pageSize))}>
        Previous
      </button>
      <span className="muted small">
        {offset + 1}–{Math.min(offset + pageSize, total)} of {total.toLocaleString("en")}
      </span>
      <button type="button" className="button button--small button--secondary" disabled={!hasMore || loading} onClick={() => onOffset(offset + pageSize)}>
        Next
      </button>
    </nav>
  );
}
