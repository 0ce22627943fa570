import { Link, useLocation } from "../router";

export type AreaLink = { to: string; label: string };

/** An area's own pages (the coach's, the interviews', the recruiter's), the current one marked. */
export function AreaNav({ label, className, links }: { label: string; className: string; links: readonly AreaLink[] }) {
  const path = useLocation().pathname.replace(/\/+$/, "");
  return (
    <nav className={className} aria-label={label}>
      <ul>
        {links.map((link) => (
          <li key={link.to}>
            <Link to={link.to} aria-current={path === link.to ? "page" : undefined}>
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
