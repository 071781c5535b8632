// Det Fælles Designsystem's breadcrumbs: the pages above this one as links, then
// this page (marked as the current one, not a link).
import { Link } from "@remix-run/react";

export type Crumb = { to: string; label: string };

export function Breadcrumbs({ trail, current }: { trail: Crumb[]; current: string }) {
  return (
    <nav className="breadcrumbs" aria-label="Brødkrummer">
      <ol className="breadcrumbs__list">
        {trail.map((crumb) => (
          <li key={crumb.to} className="breadcrumbs__list-item">
            <Link to={crumb.to} className="breadcrumbs__link">
              {crumb.label}
            </Link>
          </li>
        ))}
        <li className="breadcrumbs__list-item" aria-current="page">
          {current}
        </li>
      </ol>
    </nav>
  );
}
