import { useEffect, useId, useLayoutEffect, useRef, useState, type KeyboardEvent } from "react";
import { Link, navigate, ROUTES, useLocation, withNext } from "../router";
import { getSession, signOut, useSession } from "../state/session";

/** The header's account area: "Local mode", sign-in links, or the user's name with a menu. */
export function AccountArea() {
  const session = useSession();
  const location = useLocation();
  if (session.status === "local") {
    return (
      <Link
        to={ROUTES.account}
        className="mode-badge"
        title="This server trusts requests from this machine: no sign-in needed."
        aria-current={location.pathname === ROUTES.account ? "page" : undefined}
      >
        <span className="mode-badge__dot" aria-hidden="true" />
        Local mode
      </Link>
    );
  }
  if (session.status === "signed-in" && session.user)
    return <UserMenu name={session.user.display_name || session.user.email} recruiter={session.user.role === "recruiter" || session.user.role === "admin"} />;
  if (session.status === "signed-out") {
    const onAuthPage = location.pathname.startsWith("/app/sign");
    return (
      <div className="account-links">
        <Link to={onAuthPage ? ROUTES.signIn : withNext(ROUTES.signIn)} className="button button--small button--secondary">
          Sign in
        </Link>
        <Link to={onAuthPage ? ROUTES.signUp : withNext(ROUTES.signUp)} className="button button--small button--primary">
          Create account
        </Link>
      </div>
    );
  }
  return null;
}

function UserMenu({ name, recruiter }: { name: string; recruiter: boolean }) {
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLUListElement>(null);
  const id = useId();

  const items = () => Array.from(menu.current?.querySelectorAll<HTMLElement>("[role=menuitem]") ?? []);
  const focusItem = (index: number) => {
    const all = items();
    all[(index + all.length) % all.length]?.focus();
  };
  const close = (refocus = true) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    const outside = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!menu.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [open]);

  // Which item to focus once the menu is on screen (it is rendered after setOpen).
  const pendingFocus = useRef<number | null>(null);
  useLayoutEffect(() => {
    if (open && pendingFocus.current !== null) {
      focusItem(pendingFocus.current);
      pendingFocus.current = null;
    }
  });

  const openAt = (index: number) => {
    if (open) return focusItem(index);
    pendingFocus.current = index;
    setOpen(true);
  };

  const onButtonKey = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      openAt(0);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      openAt(-1);
    }
  };

  const onMenuKey = (event: KeyboardEvent<HTMLUListElement>) => {
    const all = items();
    const current = all.indexOf(document.activeElement as HTMLElement);
    const moves: Record<string, number> = { ArrowDown: current + 1, ArrowUp: current - 1, Home: 0, End: -1 };
    if (event.key in moves) {
      event.preventDefault();
      focusItem(moves[event.key]!);
    } else if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "Tab") {
      setOpen(false);
    }
  };

  const doSignOut = async () => {
    setBusy(true);
    close();
    await signOut();
    setBusy(false);
    navigate(getSession().status === "signed-out" ? ROUTES.signIn : ROUTES.home);
  };

  return (
    <div className="user-menu">
      <button
        ref={button}
        type="button"
        className="user-menu__button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? `${id}-menu` : undefined}
        onClick={() => (open ? close(false) : openAt(0))}
        onKeyDown={onButtonKey}
        disabled={busy}
        data-testid="user-menu"
      >
        <span className="avatar" aria-hidden="true">
          {initials(name)}
        </span>
        <span className="user-menu__name">{name}</span>
        <svg aria-hidden="true" viewBox="0 0 16 16" width="12" height="12">
          <path d="M3 6l5 5 5-5" fill="none" stroke="currentColor" strokeWidth="2" />
        </svg>
      </button>
      {open ? (
        <ul ref={menu} id={`${id}-menu`} role="menu" aria-label={`Account menu for ${name}`} className="user-menu__list" onKeyDown={onMenuKey}>
          <li role="none">
            <Link to={ROUTES.account} role="menuitem" tabIndex={-1} onClick={() => close(false)}>
              Account
            </Link>
          </li>
          {recruiter ? (
            <li role="none">
              <Link to={ROUTES.recruiter} role="menuitem" tabIndex={-1} onClick={() => close(false)}>
                Recruiter dashboard
              </Link>
            </li>
          ) : null}
          <li role="none">
            <button type="button" role="menuitem" tabIndex={-1} onClick={() => void doSignOut()}>
              Sign out
            </button>
          </li>
        </ul>
      ) : null}
    </div>
  );
}

function initials(name: string): string {
  const parts = name.replace(/@.*/, "").split(/[\s._-]+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (parts[1]?.[0] ?? "")).toUpperCase();
}
