import { Link, ROUTES } from "../router";

export function NotFound() {
  return (
    <>
      <div className="page">
        <h1>Page not found</h1>
        <p>
          There is no page at <code>{window.location.pathname}</code>. Try the <Link to={ROUTES.studio}>Studio</Link>, the{" "}
          <Link to={ROUTES.library}>voice library</Link> or the <a href="/docs">API reference</a>.
        </p>
      </div>
    </>
  );
}
