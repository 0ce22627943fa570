import { ApiKeysCard } from "../components/account/ApiKeysCard";
import { DeleteAccountCard } from "../components/account/DeleteAccountCard";
import { ExportCard } from "../components/account/ExportCard";
import { PasswordCard } from "../components/account/PasswordCard";
import { ProfileCard } from "../components/account/ProfileCard";
import { UsageCard } from "../components/account/UsageCard";
import { RequireSession } from "../components/RequireSession";
import { useSession } from "../state/session";

function AccountCards() {
  const session = useSession();
  const user = session.user;
  if (!user) return null;
  const local = session.status === "local";
  if (local) {
    return (
      <div className="account-grid">
        <ProfileCard key={user.id} user={user} />
        <UsageCard />
        <section className="card account-card" aria-labelledby="local-title">
          <h2 id="local-title" className="card__title">
            Local mode
          </h2>
          <p className="muted small">
            This server lets requests from this machine act as its local user, with no password, so there is nothing to
            sign in to, no password to change and no account to delete. For accounts, start the server with{" "}
            <code>VOCALIS_AUTH__LOCAL_MODE=false</code>.
          </p>
        </section>
        <ApiKeysCard key={`keys-${user.id}`} />
        <ExportCard />
      </div>
    );
  }
  return (
    <div className="account-grid">
      <ProfileCard key={user.id} user={user} />
        <UsageCard />
      <PasswordCard user={user} />
      <ApiKeysCard key={`keys-${user.id}`} />
      <ExportCard />
      <DeleteAccountCard user={user} />
    </div>
  );
}

export function Account() {
  const session = useSession();
  return (
    <div className="page page--wide">
      <header className="page-header">
        <h1>Account</h1>
        <p className="lede">
          {session.status === "local"
            ? "Local mode: on this machine you are the server's local user."
            : session.user
              ? `Signed in as ${session.user.display_name} (${session.user.email}).`
              : "Your profile, password, API keys and data."}
        </p>
      </header>
      <RequireSession what="manage your account">
        <AccountCards />
      </RequireSession>
    </div>
  );
}
